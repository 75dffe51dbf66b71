package io.loadtcp.engine.tape;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Streams the events of a tape, one record at a time. A tape cut short (the recorder crashed or the disk filled)
 * reads up to its last complete event and leaves a {@link #warning()} naming the offset where it ends; anything else
 * that is not a tape of a version this reader knows throws a {@link TapeException} with a one-line message.
 */
public final class TapeReader implements Closeable {
    private final String name;
    private final InputStream in;
    private final int version;
    private final long startEpochMillis;
    private long offset;
    private String warning;
    private boolean done;

    public TapeReader(InputStream in, String name) {
        this.in = in instanceof BufferedInputStream ? in : new BufferedInputStream(in, 64 * 1024);
        this.name = name;
        byte[] header = readUpTo(TapeFormat.HEADER_SIZE);
        if (header.length < TapeFormat.MAGIC.length
                || !Arrays.equals(Arrays.copyOf(header, TapeFormat.MAGIC.length), TapeFormat.MAGIC)) {
            throw new TapeException(name + " is not a loadtcp tape (it does not start with \"LTCPTAPE\")");
        }
        if (header.length < TapeFormat.HEADER_SIZE) {
            throw new TapeException(name + " is cut short inside its header (" + header.length + " of "
                    + TapeFormat.HEADER_SIZE + " bytes); it holds no events");
        }
        ByteBuffer b = ByteBuffer.wrap(header, TapeFormat.MAGIC.length, TapeFormat.HEADER_SIZE - TapeFormat.MAGIC.length);
        this.version = Short.toUnsignedInt(b.getShort());
        b.getShort(); // flags, none defined in version 1
        this.startEpochMillis = b.getLong();
        if (version != TapeFormat.VERSION) {
            throw new TapeException(name + " is a tape of format version " + version + "; this loadtcp reads version "
                    + TapeFormat.VERSION + " only (a newer loadtcp may read it)");
        }
        this.offset = TapeFormat.HEADER_SIZE;
    }

    /** Opens the file at {@code path}; a missing or unreadable file is a {@link TapeException}. */
    public static TapeReader open(Path path) {
        InputStream in;
        try {
            in = Files.newInputStream(path);
        } catch (NoSuchFileException e) {
            throw new TapeException("tape " + path + " does not exist");
        } catch (IOException e) {
            throw new TapeException("cannot open tape " + path + ": " + e.getMessage(), e);
        }
        try {
            return new TapeReader(in, path.toString());
        } catch (RuntimeException e) {
            try {
                in.close();
            } catch (IOException ignored) {
                // the header error is the one worth reporting
            }
            throw e;
        }
    }

    public int version() {
        return version;
    }

    /** When the recording started, in milliseconds since the epoch. */
    public long startEpochMillis() {
        return startEpochMillis;
    }

    /** Set when the tape ended inside a record: says where, in one line. Null for a complete tape. */
    public String warning() {
        return warning;
    }

    /** The next event, or null at the end of the tape. */
    public TapeEvent next() {
        if (done) return null;
        long recordOffset = offset;
        byte[] len = readUpTo(4);
        if (len.length == 0) {
            done = true;
            return null;
        }
        if (len.length < 4) return truncated(recordOffset);
        int bodyLength = ByteBuffer.wrap(len).getInt();
        if (bodyLength < TapeFormat.BODY_FIXED || bodyLength > TapeFormat.MAX_BODY) {
            throw new TapeException(name + " is corrupt at offset " + recordOffset + ": a record claims " + bodyLength
                    + " bytes");
        }
        byte[] rest = readUpTo(bodyLength + 4);
        if (rest.length < bodyLength + 4) return truncated(recordOffset);
        CRC32C crc = new CRC32C();
        crc.update(len);
        crc.update(rest, 0, bodyLength);
        int expected = ByteBuffer.wrap(rest, bodyLength, 4).getInt();
        if ((int) crc.getValue() != expected) {
            if (atEnd()) return truncated(recordOffset);
            throw new TapeException(name + " is corrupt at offset " + recordOffset + ": the record's checksum does not match");
        }
        return decode(ByteBuffer.wrap(rest, 0, bodyLength), recordOffset);
    }

    private TapeEvent decode(ByteBuffer b, long recordOffset) {
        byte type = b.get();
        byte dirCode = b.get();
        int connection = b.getInt();
        long nanos = b.getLong();
        Direction dir = TapeFormat.direction(dirCode);
        try {
            return switch (type) {
                case TapeFormat.OPENED -> new TapeEvent.Opened(connection, nanos, string(b), string(b));
                case TapeFormat.DATA -> {
                    byte[] bytes = new byte[b.remaining()];
                    b.get(bytes);
                    yield new TapeEvent.Data(connection, nanos, required(dir, recordOffset), bytes);
                }
                case TapeFormat.HALF_CLOSE -> new TapeEvent.HalfClose(connection, nanos, required(dir, recordOffset));
                case TapeFormat.CLOSED -> new TapeEvent.Closed(connection, nanos);
                case TapeFormat.RESET -> new TapeEvent.Reset(connection, nanos, required(dir, recordOffset));
                default -> throw new TapeException(name + " is corrupt at offset " + recordOffset
                        + ": unknown record type " + type);
            };
        } catch (java.nio.BufferUnderflowException e) {
            throw new TapeException(name + " is corrupt at offset " + recordOffset + ": a record is shorter than its contents");
        }
    }

    private Direction required(Direction dir, long recordOffset) {
        if (dir == null) throw new TapeException(name + " is corrupt at offset " + recordOffset + ": a record has no direction");
        return dir;
    }

    private static String string(ByteBuffer b) {
        int n = Short.toUnsignedInt(b.getShort());
        byte[] s = new byte[n];
        b.get(s);
        return new String(s, StandardCharsets.UTF_8);
    }

    private TapeEvent truncated(long recordOffset) {
        done = true;
        warning = name + " is cut short at offset " + recordOffset
                + " (the recording probably stopped abruptly); read up to the last complete event";
        return null;
    }

    private boolean atEnd() {
        try {
            in.mark(1);
            boolean end = in.read() < 0;
            in.reset();
            return end;
        } catch (IOException e) {
            throw new TapeException("cannot read tape " + name + ": " + e.getMessage(), e);
        }
    }

    private byte[] readUpTo(int n) {
        try {
            byte[] bytes = in.readNBytes(n);
            offset += bytes.length;
            return bytes;
        } catch (EOFException e) {
            return new byte[0];
        } catch (IOException e) {
            throw new TapeException("cannot read tape " + name + " at offset " + offset + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing was written, nothing to lose
        }
    }
}
