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
        }
        if (tape.warning() != null) {
            err.println("warning: " + tape.warning());
            err.flush();
        }
        return tape;
    }

    static TapeContents readNonEmpty(Path file, PrintWriter err) {
        TapeContents tape = read(file, err);
        if (tape.connections().isEmpty()) {
            throw new UserError(ExitCodes.IO_ERROR, "tape " + file + " holds no connection (nothing was recorded)");
        }
        return tape;
    }
}
