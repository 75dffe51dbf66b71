package io.loadtcp.engine.net;

/** What all sockets of a run share: the resolver, the TLS contexts and the run's TLS settings. */
public record SocketEnvironment(HostResolver resolver, TlsContexts tlsContexts, TlsSettings tls) {
    public static SocketEnvironment create(TlsSettings tls) {
        return new SocketEnvironment(new HostResolver(), TlsContexts.shared(), tls == null ? TlsSettings.DEFAULT : tls);
    }
}
