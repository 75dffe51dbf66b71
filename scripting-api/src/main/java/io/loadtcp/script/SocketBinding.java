package io.loadtcp.script;

import io.loadtcp.engine.metrics.Tags;
import io.loadtcp.engine.net.ClientSocket;
import io.loadtcp.engine.net.Completion;
import io.loadtcp.engine.net.ConnectRequest;
import io.loadtcp.engine.net.SocketListener;
import io.loadtcp.engine.net.SocketState;
import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.FastThreadLocal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.graalvm.polyglot.HostAccess.Export;
import org.graalvm.polyglot.Value;

/**
 * The Java half of a script's {@code Socket} (the JavaScript half is {@code modules/k6-x-tcp.js}). It owns one
 * {@link ClientSocket} and turns its events into calls of the script's handlers, on the VU's loop. From connect
 * until close the socket keeps its iteration alive.
 */
public final class SocketBinding implements SocketListener {
    // Event codes: indexes into k6-x-tcp.js's EVENTS.
    private static final int CONNECT = 0;
    private static final int DATA = 1;
    private static final int CLOSE = 2;
    private static final int ERROR = 3;
    private static final int TIMEOUT = 4;
    // One reused array per event-loop thread to copy a script's bytes through on their way into a pooled buffer:
    // no garbage per write, and one array per loop however many sockets it runs.
    private static final int MAX_SCRATCH = 64 * 1024;
    private static final FastThreadLocal<byte[]> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
            return new byte[256];
        }
    };

    private final JsVirtualUser vu;
    private final ClientSocket socket;
    private final Value emit;
    private boolean abandoned;
    private final java.util.Map<Integer, PendingWrite> pendingWrites = new java.util.HashMap<>();
    private int nextWriteId = 1;
    private String lastWriteError;

    SocketBinding(JsVirtualUser vu, Tags tags, Value emit) {
        this.vu = vu;
        this.emit = emit;
        this.socket = vu.newClientSocket(tags, this);
    }

    @Export
    public void connect(int port, String host, boolean tls, double timeoutMillis, Value tags, Value resolve, Value reject) {
        vu.requireIteration("connect");
        ConnectRequest request;
        try {
            request = new ConnectRequest(host, port, tls, (long) Math.max(0, timeoutMillis), JsValues.tags(tags));
        } catch (IllegalArgumentException e) {
            rejectConnect("connect: " + e.getMessage(), reject);
            return;
        }
        // Only a connect that starts keeps the iteration alive; a refused one (the socket is not disconnected) must
        // not, or the iteration would wait for a close that never comes.
        if (socket.state() == SocketState.DISCONNECTED) vu.scope().addSocket(this);
        socket.connect(request, callbacks(resolve, reject));
    }

    /** A connect the script's arguments make impossible (say, port 0): an error event, tcp_errors, the rejection. */
    @Export
    public void rejectConnect(String message, Value reject) {
        socket.rejectConnect(message, callbacks(null, reject));
    }

    /**
     * A write that cannot start (unknown encoding, data of the wrong type): counted in tcp_writes and tcp_errors and
     * reported by an error event, like a write that fails on the wire; the script's promise is rejected by the caller.
     */
    @Export
    public void rejectWrite(String message, Value tags) {
        socket.rejectWrite(message, JsValues.tags(tags));
    }

    /**
     * Writes a string in {@code encoding}. Returns 0 when the write already completed (the usual case: the kernel
     * took the bytes inside the call), -1 when it failed ({@link #lastWriteError()}), else an id for
     * {@link #whenWritten}. This spares the common case a callback into JavaScript.
     */
    @Export
    public int writeString(String data, String encoding, Value tags) {
        byte[] bytes;
        Tags writeTags = JsValues.tags(tags);
        try {
            bytes = encode(data, encoding);
        } catch (IllegalArgumentException e) {
            lastWriteError = "write: invalid " + encoding + " data: " + e.getMessage();
            socket.rejectWrite(lastWriteError, writeTags);
            return -1;
        }
        // Into the socket's direct buffer, like bytes: Netty would otherwise copy a heap buffer before sending, and a
        // write that fails half-way could not tell how much of the message had left (tcp_partial_writes).
        return write(socket.allocate(bytes.length).writeBytes(bytes), writeTags);
    }

    /**
     * Writes {@code length} bytes of an ArrayBuffer from {@code offset}; returns as {@link #writeString}. Not an
     * overload of {@link #writeTaggedBytes}: a call to an overloaded host method converts its arguments for each
     * candidate (an allocation and a lookup more on every write), and this one is the common case.
     */
    @Export
    public int writeBytes(Value arrayBuffer, int offset, int length) {
        return write(copyOf(arrayBuffer, offset, length), Tags.EMPTY);
    }

    /** {@link #writeBytes} with the write's tags. */
    @Export
    public int writeTaggedBytes(Value arrayBuffer, int offset, int length, Value tags) {
        return write(copyOf(arrayBuffer, offset, length), JsValues.tags(tags));
    }

    private ByteBuf copyOf(Value arrayBuffer, int offset, int length) {
        byte[] bytes = length <= MAX_SCRATCH ? scratch(length) : new byte[length];
        arrayBuffer.readBuffer(offset, bytes, 0, length);
        return socket.allocate(length).writeBytes(bytes, 0, length);
    }

    private static byte[] scratch(int length) {
        byte[] scratch = SCRATCH.get();
        if (scratch.length < length) {
            scratch = new byte[Math.max(length, Math.min(MAX_SCRATCH, scratch.length * 2))];
            SCRATCH.set(scratch);
        }
        return scratch;
    }

    @Export
    public String lastWriteError() {
        return lastWriteError;
    }

    /** Settles write {@code id}'s promise through {@code resolve}/{@code reject} when the write completes. */
    @Export
    public void whenWritten(int id, Value resolve, Value reject) {
        PendingWrite w = pendingWrites.get(id);
        if (w != null) w.listen(resolve, reject);
    }

    private int write(ByteBuf bytes, Tags tags) {
        PendingWrite w = new PendingWrite(nextWriteId++);
        socket.write(bytes, tags, w);
        if (w.settled) {
            if (w.error == null) return 0;
            lastWriteError = w.error;
            return -1;
        }
        pendingWrites.put(w.id, w);
        return w.id;
    }

    /** A write whose outcome arrives after the call that started it. */
    private final class PendingWrite implements Completion {
        final int id;
        boolean settled;
        String error;
        Value resolve;
        Value reject;

        PendingWrite(int id) {
            this.id = id;
        }

        void listen(Value onOk, Value onError) {
            resolve = onOk;
            reject = onError;
            if (settled) deliver();
        }

        @Override
        public void succeeded() {
            settled = true;
            deliver();
        }

        @Override
        public void failed(String message) {
            settled = true;
            error = message;
            deliver();
        }

        private void deliver() {
            if (resolve == null) return;
            pendingWrites.remove(id);
            if (abandoned) return;
            if (error == null) vu.callJs(() -> resolve.executeVoid());
            else vu.callJs(() -> reject.executeVoid(error));
        }
    }

    static byte[] encode(String data, String encoding) {
        return switch (encoding) {
            // "ascii" is UTF-8 as in xk6-tcp (Go's []byte(s)): the same bytes for ASCII text, and no character lost
            case "utf8", "utf-8", "ascii" -> data.getBytes(StandardCharsets.UTF_8);
            case "base64" -> Base64Flavour.STD.decode(data);
            case "base64url" -> Base64Flavour.URL.decode(data);
            case "hex" -> {
                if (data.length() % 2 != 0) throw new IllegalArgumentException("odd length hex string (" + data.length() + " digits)");
                yield HexFormat.of().parseHex(data);
            }
            default -> throw new IllegalArgumentException("unknown encoding " + encoding);
        };
    }

    @Export
    public void setTimeout(double millis) {
        socket.setIdleTimeout((long) millis);
    }

    @Export
    public void destroy() {
        socket.destroy();
    }

    @Export
    public String readyState() {
        return socket.state().label();
    }

    @Export
    public boolean isConnected() {
        return socket.isConnected();
    }

    @Export
    public String localIp() {
        InetSocketAddress a = socket.localAddress();
        return a == null ? "" : a.getAddress().getHostAddress();
    }

    @Export
    public int localPort() {
        InetSocketAddress a = socket.localAddress();
        return a == null ? 0 : a.getPort();
    }

    @Export
    public String remoteIp() {
        InetSocketAddress a = socket.remoteAddress();
        return a == null ? "" : a.getAddress().getHostAddress();
    }

    @Export
    public int remotePort() {
        InetSocketAddress a = socket.remoteAddress();
        return a == null ? 0 : a.getPort();
    }

    @Export
    public double bytesWritten() {
        return socket.bytesWritten();
    }

    @Export
    public double bytesRead() {
        return socket.bytesRead();
    }

    /** Closes the socket without telling the script (its iteration is being interrupted). */
    void abandon() {
        abandoned = true;
        socket.destroy();
    }

    private Completion callbacks(Value resolve, Value reject) {
        return new Completion() {
            @Override
            public void succeeded() {
                if (!abandoned) vu.callJs(() -> resolve.executeVoid());
            }

            @Override
            public void failed(String message) {
                if (abandoned) return;
                vu.callJs(() -> {
                    // No close event follows a failed connect (no connect came first): it no longer holds the iteration.
                    // Only then: a connect refused while another is opening leaves that one holding it.
                    if (socket.state() == SocketState.DISCONNECTED) vu.scope().removeSocket(SocketBinding.this);
                    reject.executeVoid(message);
                });
            }
        };
    }

    @Override
    public void connected() {
        if (!abandoned) vu.callJs(() -> emit.executeVoid(CONNECT));
    }

    /**
     * Bytes cross into JavaScript as a Latin-1 string (one char per byte), which k6-x-tcp.js turns into a
     * Uint8Array: strings are the one value that crosses the boundary without a host-object lookup.
     */
    @Override
    public void data(ByteBuf bytes) {
        if (abandoned) return;
        String latin1 = bytes.toString(StandardCharsets.ISO_8859_1); // the one copy: the buffer goes back after this call
        vu.callJs(() -> emit.executeVoid(DATA, latin1));
    }

    @Override
    public void timeout() {
        if (!abandoned) vu.callJs(() -> emit.executeVoid(TIMEOUT));
    }

    @Override
    public void error(String method, String message) {
        if (!abandoned) vu.callJs(() -> emit.executeVoid(ERROR, method, message));
    }

    @Override
    public void closed() {
        if (abandoned) return;
        vu.callJs(() -> {
            vu.scope().removeSocket(this);
            emit.executeVoid(CLOSE);
        });
    }
}
