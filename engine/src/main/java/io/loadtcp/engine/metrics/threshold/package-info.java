/**
 * k6 thresholds: parsing {@code "p(95)<200"} expressions and {@code metric{tag:value}} selectors, and evaluating
 * them against the run's metrics while it runs (aborting on {@code abortOnFail}) and at its end.
 */
package io.loadtcp.engine.metrics.threshold;
