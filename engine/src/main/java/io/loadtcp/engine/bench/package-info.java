/** Baselines written directly on Netty, without JavaScript, that the scripted engine's throughput is compared with. */
package io.loadtcp.engine.bench;
