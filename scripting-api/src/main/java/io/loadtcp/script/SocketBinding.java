package io.loadtcp.script;

import io.loadtcp.engine.metrics.Tags;
import io.loadtcp.engine.net.ClientSocket;
import io.loadtcp.engine.net.Completion;
import io.loadtcp.engine.net.ConnectRequest;
import io.loadtcp.engine.net.SocketListener;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import org.graalvm.polyglot.HostAccess.Export;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * The Java half of a script's {@code Socket} (the JavaScript half is {@code modules/k6-x-tcp.js}). It owns one
 * {@link ClientSocket} and turns its events into calls of the script's handlers, on the VU's loop. From connect
 * until close the socket keeps its iteration alive.
 */
public final class SocketBinding implements SocketListener {
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
            reject.execute("connect: " + e.getMessage());
            return;
        }
        vu.scope().addSocket(this);
        socket.connect(request, callbacks(resolve, reject));
    }

    /**
     * Writes a string in {@code encoding}. Returns 0 when the write already completed (the usual case: the kernel
     * took the bytes inside the call), -1 when it failed ({@link #lastWriteError()}), else an id for
     * {@link #whenWritten}. This spares the common case a callback into JavaScript.
     */
    @Export
    public int writeString(String data, String encoding, Value tags) {
        byte[] bytes;
        try {
            bytes = encode(data, encoding);
        } catch (IllegalArgumentException e) {
            lastWriteError = "write: invalid " + encoding + " data: " + e.getMessage();
            return -1;
        }
        return write(bytes, tags);
    }

    /** Writes {@code length} bytes of an ArrayBuffer from {@code offset}; returns as {@link #writeString}. */
    @Export
    public int writeBytes(Value arrayBuffer, int offset, int length, Value tags) {
        byte[] bytes = new byte[length];
        arrayBuffer.readBuffer(offset, bytes, 0, length);
        return write(bytes, tags);
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

    private int write(byte[] bytes, Value tags) {
        PendingWrite w = new PendingWrite(nextWriteId++);
        socket.write(Unpooled.wrappedBuffer(bytes), JsValues.tags(tags), w);
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
            case "utf8", "utf-8" -> data.getBytes(StandardCharsets.UTF_8);
            case "ascii" -> data.getBytes(StandardCharsets.ISO_8859_1);
            case "base64" -> Base64.getMimeDecoder().decode(data);
            case "base64url" -> Base64.getUrlDecoder().decode(data.replace("=", ""));
            case "hex" -> HexFormat.of().parseHex(data.length() % 2 == 0 ? data : "0" + data);
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
                if (!abandoned) vu.callJs(() -> reject.executeVoid(message));
            }
        };
    }

    @Override
    public void connected() {
        if (!abandoned) vu.callJs(() -> emit.executeVoid("connect"));
    }

    @Override
    public void data(byte[] bytes) {
        if (!abandoned) vu.callJs(() -> emit.executeVoid("data", ByteBuffer.wrap(bytes)));
    }

    @Override
    public void timeout() {
        if (!abandoned) vu.callJs(() -> emit.executeVoid("timeout"));
    }

    @Override
    public void error(String method, String message) {
        if (!abandoned) {
            vu.callJs(() -> emit.executeVoid("error", ProxyObject.fromMap(java.util.Map.of("method", method, "message", message))));
        }
    }

    @Override
    public void closed() {
        if (abandoned) return;
        vu.callJs(() -> {
            vu.scope().removeSocket(this);
            emit.executeVoid("close");
        });
    }
}
