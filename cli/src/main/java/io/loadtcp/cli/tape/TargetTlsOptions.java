package io.loadtcp.cli.tape;

import io.loadtcp.cli.ExitCodes;
import io.loadtcp.cli.UserError;
import io.loadtcp.engine.net.TlsContexts;
import io.netty.handler.ssl.SslContext;
import javax.net.ssl.SSLException;
import picocli.CommandLine.Option;

/** TLS towards the target of record and replay client. */
public final class TargetTlsOptions {
    @Option(names = "--target-tls", description = "Speak TLS to the target.")
    boolean targetTls;

    @Option(names = "--target-insecure", description = "With --target-tls: accept any certificate (self-signed test servers).")
    boolean targetInsecure;

    /** The client context, or null without --target-tls (--target-insecure implies it). */
    SslContext targetContext() {
        if (!targetTls && !targetInsecure) return null;
        try {
            return TlsContexts.client(targetInsecure);
        } catch (SSLException e) {
            throw new UserError(ExitCodes.IO_ERROR, "cannot set up TLS: " + e.getMessage(), e);
        }
    }
}
