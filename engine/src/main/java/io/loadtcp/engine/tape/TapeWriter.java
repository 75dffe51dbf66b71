package io.loadtcp.engine.tape;

import io.netty.buffer.ByteBuf;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.zip.CRC32C;

/**
 * Appends events to a tape as they happen, one flushed record each, so that a recorder that crashes leaves a tape
 * readable up to its last event. Safe to call from many threads (one per event loop); it never holds the tape in
 * memory. The first write error is remembered, reported once to {@link #onFailure}, and every later write is dropped:
 * the file keeps what was written before.
 */
public final class TapeWriter implements Closeable {
    private final String name;
    private final OutputStream out;
    private final LongSupplier nanoTime;
    private final long start;
    private final AtomicInteger connections = new AtomicInteger();
    private final ByteArrayOutputStream record = new ByteArrayOutputStream(256);
    private final DataOutputStream body = new DataOutputStream(record);
    private final CRC32C crc = new CRC32C();
    private volatile IOException failure;
    private volatile Consumer<IOException> failureListener = e -> {};
    private long events;
    private long dataBytes;
    private boolean closed;

    /** Writes the header at once; {@code name} names the tape in messages (usually its path). */
    public TapeWriter(OutputStream out, String name, LongSupplier nanoTime) throws IOException {
        this.out = out instanceof BufferedOutputStream ? out : new BufferedOutputStream(out, 64 * 1024);
        this.name = name;
        this.nanoTime = nanoTime;
        this.start = nanoTime.getAsLong();
        DataOutputStream header = new DataOutputStream(this.out);
        header.write(TapeFormat.MAGIC);
        header.writeShort(TapeFormat.VERSION);
        header.writeShort(0);
        header.writeLong(System.currentTimeMillis());
        this.out.flush();
    }

    /** Creates (or replaces) the file at {@code path}; parent folders are created. */
    public static TapeWriter create(Path path) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        OutputStream file = Files.newOutputStream(path);
        try {
            return new TapeWriter(file, path.toString(), System::nanoTime);
        } catch (IOException e) {
            file.close();
            throw e;
        }
    }

    public String name() {
        return name;
    }

    /** Called once, on the writing thread, when the first write fails. */
    public void onFailure(Consumer<IOException> listener) {
        this.failureListener = listener;
        if (failure != null) listener.accept(failure);
    }

    /** The write error that stopped this tape, or null. */
    public IOException failure() {
        return failure;
    }

    /** A fresh connection id, unique within this tape, starting at 1. */
    public int newConnection() {
        return connections.incrementAndGet();
    }

    /** Nanoseconds since the tape started. */
    public long elapsedNanos() {
        return nanoTime.getAsLong() - start;
    }

    public synchronized long events() {
        return events;
    }

    /** Payload bytes written in both directions. */
    public synchronized long dataBytes() {
        return dataBytes;
    }

    public void opened(int connection, String client, String server) {
        byte[] c = client.getBytes(StandardCharsets.UTF_8);
        byte[] s = server.getBytes(StandardCharsets.UTF_8);
        synchronized (this) {
            if (!begin(TapeFormat.OPENED, TapeFormat.NO_DIRECTION, connection, elapsedNanos())) return;
            try {
                body.writeShort(c.length);
                body.write(c);
                body.writeShort(s.length);
                body.write(s);
            } catch (IOException impossible) {
                throw new IllegalStateException(impossible);
            }
            end();
        }
    }

    /** Records the readable bytes of {@code buf} without consuming or releasing them. */
    public void data(int connection, Direction direction, ByteBuf buf) {
        synchronized (this) {
            if (!begin(TapeFormat.DATA, TapeFormat.code(direction), connection, elapsedNanos())) return;
            try {
                buf.getBytes(buf.readerIndex(), body, buf.readableBytes());
            } catch (IOException impossible) {
                throw new IllegalStateException(impossible);
            }
            dataBytes += buf.readableBytes();
            end();
        }
    }

    public void data(int connection, Direction direction, byte[] bytes) {
        synchronized (this) {
            if (!begin(TapeFormat.DATA, TapeFormat.code(direction), connection, elapsedNanos())) return;
            record.write(bytes, 0, bytes.length);
            dataBytes += bytes.length;
            end();
        }
    }

    public synchronized void halfClose(int connection, Direction direction) {
        if (begin(TapeFormat.HALF_CLOSE, TapeFormat.code(direction), connection, elapsedNanos())) end();
    }

    public synchronized void closed(int connection) {
        if (begin(TapeFormat.CLOSED, TapeFormat.NO_DIRECTION, connection, elapsedNanos())) end();
    }

    public synchronized void reset(int connection, Direction direction) {
        if (begin(TapeFormat.RESET, TapeFormat.code(direction), connection, elapsedNanos())) end();
    }

    /** Writes an event with its own timestamp (copying or rewriting tapes, tests). */
    public synchronized void write(TapeEvent event) {
        byte dir = switch (event) {
            case TapeEvent.Data d -> TapeFormat.code(d.direction());
            case TapeEvent.HalfClose h -> TapeFormat.code(h.direction());
            case TapeEvent.Reset r -> TapeFormat.code(r.direction());
            default -> TapeFormat.NO_DIRECTION;
        };
        byte type = switch (event) {
            case TapeEvent.Opened o -> TapeFormat.OPENED;
            case TapeEvent.Data d -> TapeFormat.DATA;
            case TapeEvent.HalfClose h -> TapeFormat.HALF_CLOSE;
            case TapeEvent.Closed c -> TapeFormat.CLOSED;
            case TapeEvent.Reset r -> TapeFormat.RESET;
        };
        if (!begin(type, dir, event.connection(), event.nanos())) return;
        try {
            if (event instanceof TapeEvent.Opened o) {
                byte[] c = o.client().getBytes(StandardCharsets.UTF_8);
                byte[] s = o.server().getBytes(StandardCharsets.UTF_8);
                body.writeShort(c.length);
                body.write(c);
                body.writeShort(s.length);
                body.write(s);
            } else if (event instanceof TapeEvent.Data d) {
                body.write(d.bytes());
                dataBytes += d.bytes().length;
            }
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        end();
    }

    private boolean begin(byte type, byte direction, int connection, long nanos) {
        if (failure != null || closed) return false;
        record.reset();
        try {
            body.writeInt(0); // length, patched in end()
            body.writeByte(type);
            body.writeByte(direction);
            body.writeInt(connection);
            body.writeLong(nanos);
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        return true;
    }

    private void end() {
        byte[] bytes = record.toByteArray();
        int bodyLength = bytes.length - 4;
        bytes[0] = (byte) (bodyLength >>> 24);
        bytes[1] = (byte) (bodyLength >>> 16);
        bytes[2] = (byte) (bodyLength >>> 8);
        bytes[3] = (byte) bodyLength;
        crc.reset();
        crc.update(bytes, 0, bytes.length);
        int sum = (int) crc.getValue();
        try {
            out.write(bytes);
            out.write(new byte[] {(byte) (sum >>> 24), (byte) (sum >>> 16), (byte) (sum >>> 8), (byte) sum});
            out.flush();
            events++;
        } catch (IOException e) {
            failure = e;
            failureListener.accept(e);
        }
    }

    /** Flushes and closes the file; later events are ignored. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) return;
        closed = true;
        try {
            out.close();
        } catch (IOException e) {
            if (failure == null) throw e;
        }
    }
}
