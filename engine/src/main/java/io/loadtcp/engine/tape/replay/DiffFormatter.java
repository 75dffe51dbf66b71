package io.loadtcp.engine.tape.replay;

import io.loadtcp.engine.tape.Printable;

/** Shows a {@link Mismatch} as expected and received bytes around the first differing byte, with a caret under it. */
public final class DiffFormatter {
    /** TEXT escapes bytes like a string literal; HEX prints two hex digits per byte. */
    public enum Mode {
        TEXT, HEX
    }

    private DiffFormatter() {}

    public static String format(Mismatch m, Mode mode) {
        int at = (int) (m.offset() - m.windowStart());
        StringBuilder expected = new StringBuilder();
        StringBuilder received = new StringBuilder();
        int caret = -1;
        int width = 1;
        for (int i = 0; i < Math.max(m.expected().length, m.received().length); i++) {
            String e = i < m.expected().length ? token(m.expected()[i], mode) : "";
            String r = i < m.received().length ? token(m.received()[i], mode) : "";
            int w = Math.max(e.length(), r.length());
            if (i == at) {
                caret = expected.length();
                width = Math.max(1, w - (mode == Mode.HEX ? 1 : 0));
            }
            expected.append(pad(e, w));
            received.append(pad(r, w));
        }
        String lead = m.windowStart() > 0 ? "..." : "";
        String ellipsisPad = " ".repeat(lead.length());
        StringBuilder out = new StringBuilder();
        out.append("  expected: ").append(lead).append(expected.toString().stripTrailing())
                .append(m.expected().length == 0 ? "<end of stream>" : "").append('\n');
        out.append("  received: ").append(lead).append(received.toString().stripTrailing())
                .append(m.received().length <= at ? (m.received().length == 0 && lead.isEmpty() ? "<nothing>" : " <nothing more>") : "")
                .append('\n');
        if (caret < 0) caret = expected.length();
        out.append("            ").append(ellipsisPad).append(" ".repeat(caret)).append("^".repeat(width));
        return out.toString();
    }

    private static String token(byte b, Mode mode) {
        return mode == Mode.HEX ? String.format("%02x ", b & 0xff) : Printable.escape(b);
    }

    private static String pad(String s, int w) {
        return s.length() >= w ? s : s + " ".repeat(w - s.length());
    }
}
