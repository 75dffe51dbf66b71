/** Metric definitions, tags, lock-free per-event-loop recording into HdrHistogram, and the merged run-wide store. */
package io.loadtcp.engine.metrics;
