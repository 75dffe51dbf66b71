/**
 * Prometheus: an HTTP {@code /metrics} endpoint in the text exposition format, served while the run goes on, with
 * the names of k6's Prometheus remote-write output ({@code k6_tcp_reads_total}, {@code k6_vus},
 * {@code k6_checks_rate}, {@code k6_iteration_duration_p99}) so dashboards built for k6 read it.
 */
package io.loadtcp.engine.output.prometheus;
