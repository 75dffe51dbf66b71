package io.loadtcp.engine.metrics;

/** One time series: a metric with one particular set of tags. */
public record SeriesKey(Metric metric, Tags tags) {}
