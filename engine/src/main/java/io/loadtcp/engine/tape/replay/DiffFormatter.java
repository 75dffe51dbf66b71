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
        // the bytes before the first difference are the same in both streams, so the lines line up without padding
        String expected = render(m.expected(), mode);
        String received = render(m.received(), mode);
        int caret = render(java.util.Arrays.copyOf(m.expected(), Math.min(at, m.expected().length)), mode).length();
        byte[] marked = at < m.expected().length ? m.expected() : m.received();
        int width = at < marked.length ? token(marked[at], mode).strip().length() : 1;
        String lead = m.windowStart() > 0 ? "..." : "";
        StringBuilder out = new StringBuilder();
        out.append("  expected: ").append(lead).append(expected.stripTrailing())
                .append(m.expected().length <= at ? (expected.isEmpty() ? "" : " ") + "<end of stream>" : "").append('\n');
        out.append("  received: ").append(lead).append(received.stripTrailing())
                .append(m.received().length <= at ? (received.isEmpty() ? "" : " ") + "<nothing more>" : "").append('\n');
        out.append("            ").append(" ".repeat(lead.length() + caret)).append("^".repeat(Math.max(1, width)));
        return out.toString();
    }

    private static String render(byte[] bytes, Mode mode) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) sb.append(token(b, mode));
        return sb.toString();
    }

    private static String token(byte b, Mode mode) {
        return mode == Mode.HEX ? String.format("%02x ", b & 0xff) : Printable.escape(b);
    }

}
