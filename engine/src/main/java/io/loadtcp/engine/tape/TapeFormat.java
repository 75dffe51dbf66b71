package io.loadtcp.engine.tape;

import java.nio.charset.StandardCharsets;

/** The constants of the tape file format; {@code docs/tape-format.md} is the prose version of this class. */
final class TapeFormat {
    private TapeFormat() {}

    static final byte[] MAGIC = "LTCPTAPE".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    /** magic (8) + version (2) + flags (2) + start time, epoch milliseconds (8). */
    static final int HEADER_SIZE = 20;
    /** type (1) + direction (1) + connection (4) + nanos (8): a record body without payload. */
    static final int BODY_FIXED = 14;
    /** Larger lengths are treated as corruption, so that garbage never makes the reader allocate gigabytes. */
    static final int MAX_BODY = 64 << 20;

    static final byte OPENED = 1;
    static final byte DATA = 2;
    static final byte HALF_CLOSE = 3;
    static final byte CLOSED = 4;
    static final byte RESET = 5;

    static final byte NO_DIRECTION = 0;
    static final byte C2S = 1;
    static final byte S2C = 2;

    static byte code(Direction d) {
        return d == Direction.CLIENT_TO_SERVER ? C2S : S2C;
    }

    static Direction direction(byte code) {
        return switch (code) {
            case C2S -> Direction.CLIENT_TO_SERVER;
            case S2C -> Direction.SERVER_TO_CLIENT;
            default -> null;
        };
    }
}
