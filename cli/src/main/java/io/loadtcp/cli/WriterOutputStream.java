package io.loadtcp.cli;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Lets code that writes to a stream print through picocli's writer, so tests capture everything. */
final class WriterOutputStream extends OutputStream {
    private final PrintWriter writer;
    private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

    WriterOutputStream(PrintWriter writer) {
        this.writer = writer;
    }

    @Override
    public synchronized void write(int b) {
        line.write(b);
        if (b == '\n') flush();
    }

    /** Prints every whole line at once (a file output writes 64 KB at a time); the rest waits for its line break. */
    @Override
    public synchronized void write(byte[] b, int off, int len) {
        int lastBreak = -1;
        for (int i = off + len - 1; i >= off; i--) {
            if (b[i] == '\n') {
                lastBreak = i;
                break;
            }
        }
        if (lastBreak < 0) {
            line.write(b, off, len);
            return;
        }
        line.write(b, off, lastBreak + 1 - off);
        flush();
        line.write(b, lastBreak + 1, off + len - lastBreak - 1);
    }

    @Override
    public synchronized void flush() {
        writer.print(line.toString(StandardCharsets.UTF_8));
        writer.flush();
        line.reset();
    }
}
