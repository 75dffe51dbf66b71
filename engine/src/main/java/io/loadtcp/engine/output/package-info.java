/**
 * Where a run's metrics go besides the end-of-run summary. An output is a
 * {@link io.loadtcp.engine.metrics.MetricsListener}: it receives every collected interval from the collector thread,
 * never concurrently, like thresholds and the live progress; one package per built-in output.
 */
package io.loadtcp.engine.output;
