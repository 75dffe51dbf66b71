package io.loadtcp.engine.output.file;

/** The bits of JSON the file formats write by hand (a JSON library per sample would cost more than the sample). */
final class JsonText {
    private JsonText() {}

    static void appendString(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        out.append('"');
    }

    /** A number as JSON has it: whole numbers without a fraction ({@code 1}, not {@code 1.0}); null when not finite. */
    static void appendNumber(double v, StringBuilder out) {
        if (!Double.isFinite(v)) out.append("null");
        else if (v == Math.rint(v) && Math.abs(v) < 1e15) out.append((long) v);
        else out.append(v);
    }
}
