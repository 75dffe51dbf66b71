package io.loadtcp.engine;

import io.loadtcp.engine.metrics.MetricSink;
import io.loadtcp.engine.net.SocketEnvironment;
import io.netty.channel.EventLoop;

/** What a new VU is given: its number (from 1), its loop, that loop's metric sink, and the shared socket setup. */
public record VuSpec(int id, EventLoop loop, MetricSink sink, SocketEnvironment sockets) {}
