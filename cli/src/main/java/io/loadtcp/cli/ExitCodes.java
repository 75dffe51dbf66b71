package io.loadtcp.cli;

/**
 * The documented process exit codes. They follow k6 (REFERENCE.md §3) so CI pipelines written for k6 keep working;
 * the codes below 100 that k6 does not use are loadtcp's own.
 */
public final class ExitCodes {
    private ExitCodes() {}

    public static final int OK = 0;
    /** {@code loadtcp pause}, {@code resume} or {@code scale}: the test's REST API refused the request. */
    public static final int REFUSED_BY_REST_API = 1;
    /** A command-line usage error (unknown flag, missing argument). */
    public static final int USAGE = 2;
    /** A replay found bytes that differ from the tape (tcptape's code). */
    public static final int REPLAY_MISMATCH = 3;
    /** A file the command needs is missing or unreadable, or it could not bind/connect. */
    public static final int IO_ERROR = 4;
    public static final int THRESHOLDS_FAILED = 99;
    public static final int SETUP_TIMEOUT = 100;
    public static final int TEARDOWN_TIMEOUT = 101;
    /** A {@code PATCH /v1/status} with {@code "stopped": true} stopped the run. */
    public static final int STOPPED_FROM_REST_API = 103;
    public static final int INVALID_CONFIG = 104;
    public static final int STOPPED_BY_SIGNAL = 105;
    /** The REST API ({@code --address}) could not listen. */
    public static final int CANNOT_START_REST_API = 106;
    public static final int SCRIPT_EXCEPTION = 107;
    public static final int SCRIPT_ABORTED = 108;
    public static final int TEST_FAILED = 110;

    /** The table shown at the foot of every --help. */
    public static final String HELP_TABLE = """
            Exit codes:
              0    success
              1    the running test's REST API refused the request (pause, resume, scale)
              2    command-line usage error
              3    replay mismatch (tape replay, with --abort or at the end)
              4    missing or unreadable file (script, config); bind or connect error
              99   one or more thresholds failed
              100  setup() timed out
              101  teardown() timed out
              103  stopped through the REST API (PATCH /v1/status)
              104  invalid configuration or options, all problems listed at once
              105  stopped by a signal (Ctrl-C / SIGTERM)
              106  the REST API (--address) could not listen
              107  script error: syntax, unknown module, or init/setup()/teardown() threw
              108  the script called exec.test.abort()
              110  the script called exec.test.fail()""";
}
