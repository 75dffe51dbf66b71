/** The k6 executors, one class each, on a shared base that handles graceful stop and interruption. */
package io.loadtcp.engine.executor;
