package io.loadtcp.cli.tape;

import io.loadtcp.cli.ExitCodes;
import io.loadtcp.cli.UserError;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** Parses the HOST:PORT arguments of the tape commands and keeps listeners on loopback unless asked otherwise. */
public final class Endpoints {
    private Endpoints() {}

    /** {@code host:port} or {@code [v6]:port}; {@code what} names the option in the error message. */
    public static InetSocketAddress parse(String text, String what) {
        int colon = text.lastIndexOf(':');
        String host = colon > 0 ? text.substring(0, colon) : "";
        String port = colon >= 0 ? text.substring(colon + 1) : "";
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        if (host.isEmpty() || !port.matches("\\d{1,5}") || Integer.parseInt(port) > 65535) {
            throw new UserError(ExitCodes.USAGE, "invalid " + what + " '" + text + "': expected HOST:PORT, e.g. 127.0.0.1:7000");
        }
        return InetSocketAddress.createUnresolved(host, Integer.parseInt(port));
    }

    /**
     * A resolved address for a server of {@code run} to listen on ({@code --out prometheus}, {@code --address}):
     * {@code what} names the option for a text that is not HOST:PORT (exit 2), {@code context} starts the message of a
     * host that does not resolve (exit 104, an invalid option of the run).
     */
    public static InetSocketAddress resolvedOption(String text, String what, String context) {
        InetSocketAddress where = parse(text, what);
        InetSocketAddress resolved = new InetSocketAddress(where.getHostString(), where.getPort());
        if (resolved.isUnresolved()) {
            throw new UserError(ExitCodes.INVALID_CONFIG, context + ": cannot resolve host '" + where.getHostString() + "'");
        }
        return resolved;
    }

    /** A resolved address to listen on; not loopback only with {@code allowRemote}. */
    static InetSocketAddress listen(String text, boolean allowRemote) {
        InetSocketAddress a = parse(text, "--listen address");
        InetAddress ip;
        try {
            ip = InetAddress.getByName(a.getHostString());
        } catch (UnknownHostException e) {
            throw new UserError(ExitCodes.USAGE, "cannot resolve --listen host '" + a.getHostString() + "'");
        }
        if (!ip.isLoopbackAddress() && !allowRemote) {
            throw new UserError(ExitCodes.USAGE, "refusing to listen on " + text + ": not a loopback address, and whoever "
                    + "reaches it can use it; add --allow-remote to listen there anyway");
        }
        return new InetSocketAddress(ip, a.getPort());
    }

    /** A target to connect to, resolved now so that a typo is reported before anything starts. */
    static InetSocketAddress target(String text, String what) {
        InetSocketAddress a = parse(text, what);
        InetSocketAddress resolved = new InetSocketAddress(a.getHostString(), a.getPort());
        if (resolved.isUnresolved()) {
            throw new UserError(ExitCodes.IO_ERROR, "cannot resolve " + what + " host '" + a.getHostString() + "'");
        }
        return resolved;
    }
}
