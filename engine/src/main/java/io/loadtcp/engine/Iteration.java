package io.loadtcp.engine;

import io.loadtcp.engine.metrics.Tags;
import java.util.Map;

/**
 * One iteration to run: which scenario and function, its counters (k6's {@code exec.vu.iterationInScenario} and
 * {@code exec.scenario.iterationInTest}), the scenario's tags and env, and when it was meant to start (for
 * arrival-rate executors, latency is measured from then, avoiding coordinated omission).
 */
public record Iteration(String scenario, String exec, long iterationInInstance, long iterationInScenario,
                        Tags tags, Map<String, String> env, long scheduledAtNanos) {}
