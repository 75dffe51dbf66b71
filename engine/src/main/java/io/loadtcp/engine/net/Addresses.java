package io.loadtcp.engine.net;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** Socket addresses as users write them: {@code 127.0.0.1:6379}, {@code [::1]:6379}. */
public final class Addresses {
    private Addresses() {}

    public static String format(SocketAddress address) {
        if (address instanceof InetSocketAddress a) {
            String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
        }
        return String.valueOf(address);
    }
}
