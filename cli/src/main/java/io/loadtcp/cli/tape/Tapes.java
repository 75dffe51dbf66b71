package io.loadtcp.cli.tape;

import io.loadtcp.cli.ExitCodes;
import io.loadtcp.cli.UserError;
import io.loadtcp.engine.tape.TapeContents;
import io.loadtcp.engine.tape.TapeException;
import java.io.PrintWriter;
import java.nio.file.Path;

/** Reads a tape for a command: a tape that cannot be read is a one-line error, a cut-short one a warning. */
final class Tapes {
    private Tapes() {}

    static TapeContents read(Path file, PrintWriter err) {
        TapeContents tape;
        try {
            tape = TapeContents.read(file);
        } catch (TapeException e) {
            throw new UserError(ExitCodes.IO_ERROR, e.getMessage(), e);
        } catch (OutOfMemoryError e) {
            // What was read is garbage once this unwinds, so the heap is free again to print the message.
            throw new UserError(ExitCodes.IO_ERROR, tooBig(file), e);
        }
        if (tape.warning() != null) {
            err.println("warning: " + tape.warning());
            err.flush();
        }
        return tape;
    }

    /** Replay, describe and to-script hold the whole tape in memory: about its size again in heap, more for tiny chunks. */
    private static String tooBig(Path file) {
        long mib = 1024 * 1024;
        long tapeMib = file.toFile().length() / mib;
        long heapMib = Runtime.getRuntime().maxMemory() / mib;
        long suggestMib = 2 * tapeMib + 256;
        return "tape " + file + " (" + tapeMib + " MiB) does not fit in the Java heap (" + heapMib + " MiB): this command"
                + " reads the whole tape into memory; run it with LOADTCP_HEAP=" + suggestMib + "m";
    }

    static TapeContents readNonEmpty(Path file, PrintWriter err) {
        TapeContents tape = read(file, err);
        if (tape.connections().isEmpty()) {
            throw new UserError(ExitCodes.IO_ERROR, "tape " + file + " holds no connection (nothing was recorded)");
        }
        return tape;
    }
}
