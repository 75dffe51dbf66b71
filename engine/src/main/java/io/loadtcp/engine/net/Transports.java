package io.loadtcp.engine.net;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * Chooses the Netty transport once for the whole process: native epoll on Linux when its library loads
 * (fewer copies, edge-triggered), NIO everywhere else. Set {@code -Dloadtcp.transport=nio} to force NIO.
 */
public final class Transports {
    private static final boolean EPOLL = !"nio".equals(System.getProperty("loadtcp.transport")) && Epoll.isAvailable();

    private Transports() {}

    /** "epoll" or "nio": printed in diagnostics so users know what they measured with. */
    public static String name() {
        return EPOLL ? "epoll" : "nio";
    }

    /** An event loop group of {@code threads} daemon threads named {@code prefix-N}. */
    public static EventLoopGroup newGroup(int threads, String prefix) {
        DefaultThreadFactory factory = new DefaultThreadFactory(prefix, true);
        return EPOLL ? new EpollEventLoopGroup(threads, factory) : new NioEventLoopGroup(threads, factory);
    }

    public static Class<? extends SocketChannel> socketChannel() {
        return EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    public static Class<? extends ServerSocketChannel> serverChannel() {
        return EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /** One event loop per core: the default number of loops VUs are spread over. */
    public static int defaultLoopCount() {
        return Runtime.getRuntime().availableProcessors();
    }
}
