package io.loadtcp.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception that escaped a command into one line a user can act on; the stack trace only with
 * {@code --verbose} (or LOADTCP_VERBOSE=1), because a trace is noise to someone fixing their script.
 */
final class ErrorHandler implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
        boolean verbose = parsed.originalArgs().contains("--verbose") || "1".equals(System.getenv("LOADTCP_VERBOSE"));
        if (ex instanceof UserError ue) {
            cmd.getErr().println("error: " + ue.getMessage());
            if (verbose && ue.getCause() != null) ue.getCause().printStackTrace(cmd.getErr());
            return ue.exitCode();
        }
        cmd.getErr().println("error: " + ex);
        if (verbose) ex.printStackTrace(cmd.getErr());
        return ExitCodes.IO_ERROR;
    }
}
