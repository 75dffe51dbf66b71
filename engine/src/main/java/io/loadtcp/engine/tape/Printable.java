package io.loadtcp.engine.tape;

import java.util.HexFormat;

/** Renders recorded bytes for people: escaped text when they are text, hex when they are not. */
public final class Printable {
    private Printable() {}

    /** True when every byte is printable ASCII, CR, LF or TAB. */
    public static boolean isText(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            int b = bytes[i] & 0xff;
            if ((b < 0x20 || b > 0x7e) && b != '\r' && b != '\n' && b != '\t') return false;
        }
        return true;
    }

    public static boolean isText(byte[] bytes) {
        return isText(bytes, 0, bytes.length);
    }

    /** One byte as it appears inside a double-quoted JavaScript string literal ({@code \\xNN} for the unprintable). */
    public static String escape(byte b) {
        int c = b & 0xff;
        return switch (c) {
            case '\r' -> "\\r";
            case '\n' -> "\\n";
            case '\t' -> "\\t";
            case '\\' -> "\\\\";
            case '"' -> "\\\"";
            default -> c >= 0x20 && c <= 0x7e ? String.valueOf((char) c) : String.format("\\x%02x", c);
        };
    }

    /** The bytes as the inside of a double-quoted string literal (JavaScript escapes). */
    public static String escape(byte[] bytes, int from, int to) {
        StringBuilder sb = new StringBuilder((to - from) + 16);
        for (int i = from; i < to; i++) sb.append(escape(bytes[i]));
        return sb.toString();
    }

    public static String escape(byte[] bytes) {
        return escape(bytes, 0, bytes.length);
    }

    public static String hex(byte[] bytes, int from, int to) {
        return HexFormat.of().formatHex(bytes, from, to);
    }

    public static String hex(byte[] bytes) {
        return hex(bytes, 0, bytes.length);
    }

    /** A one-line preview of at most {@code max} bytes: quoted text, or hex; "..." when cut. */
    public static String preview(byte[] bytes, int max) {
        int to = Math.min(bytes.length, max);
        String more = to < bytes.length ? "..." : "";
        return isText(bytes, 0, to) ? "\"" + escape(bytes, 0, to) + "\"" + more : hex(bytes, 0, to) + more;
    }
}
