package io.loadtcp.engine.metrics;

import java.util.List;

/** The metrics every run emits: the TCP ones of xk6-tcp (REFERENCE.md §2) and k6's execution metrics. */
public final class BuiltinMetrics {
    private BuiltinMetrics() {}

    private static Metric builtin(String name, MetricType type, ValueType valueType) {
        return new Metric(name, type, valueType, true);
    }

    public static final Metric TCP_SOCKET_RESOLVING = builtin("tcp_socket_resolving", MetricType.TREND, ValueType.TIME);
    public static final Metric TCP_SOCKET_CONNECTING = builtin("tcp_socket_connecting", MetricType.TREND, ValueType.TIME);
    public static final Metric TCP_SOCKET_DURATION = builtin("tcp_socket_duration", MetricType.TREND, ValueType.TIME);
    public static final Metric TCP_SOCKETS = builtin("tcp_sockets", MetricType.COUNTER, ValueType.DEFAULT);
    public static final Metric TCP_READS = builtin("tcp_reads", MetricType.COUNTER, ValueType.DEFAULT);
    public static final Metric TCP_WRITES = builtin("tcp_writes", MetricType.COUNTER, ValueType.DEFAULT);
    public static final Metric TCP_ERRORS = builtin("tcp_errors", MetricType.COUNTER, ValueType.DEFAULT);
    public static final Metric TCP_TIMEOUTS = builtin("tcp_timeouts", MetricType.COUNTER, ValueType.DEFAULT);
    public static final Metric TCP_PARTIAL_WRITES = builtin("tcp_partial_writes", MetricType.COUNTER, ValueType.DEFAULT);
    public static final Metric DATA_SENT = builtin("data_sent", MetricType.COUNTER, ValueType.DATA);
    public static final Metric DATA_RECEIVED = builtin("data_received", MetricType.COUNTER, ValueType.DATA);

    public static final Metric VUS = builtin("vus", MetricType.GAUGE, ValueType.DEFAULT);
    public static final Metric VUS_MAX = builtin("vus_max", MetricType.GAUGE, ValueType.DEFAULT);
    public static final Metric ITERATIONS = builtin("iterations", MetricType.COUNTER, ValueType.DEFAULT);
    public static final Metric DROPPED_ITERATIONS = builtin("dropped_iterations", MetricType.COUNTER, ValueType.DEFAULT);
    public static final Metric ITERATION_DURATION = builtin("iteration_duration", MetricType.TREND, ValueType.TIME);
    public static final Metric GROUP_DURATION = builtin("group_duration", MetricType.TREND, ValueType.TIME);
    public static final Metric CHECKS = builtin("checks", MetricType.RATE, ValueType.DEFAULT);

    public static final List<Metric> ALL = List.of(TCP_SOCKET_RESOLVING, TCP_SOCKET_CONNECTING, TCP_SOCKET_DURATION,
            TCP_SOCKETS, TCP_READS, TCP_WRITES, TCP_ERRORS, TCP_TIMEOUTS, TCP_PARTIAL_WRITES, DATA_SENT, DATA_RECEIVED,
            VUS, VUS_MAX, ITERATIONS, DROPPED_ITERATIONS, ITERATION_DURATION, GROUP_DURATION, CHECKS);
}
