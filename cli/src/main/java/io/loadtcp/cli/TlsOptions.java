package io.loadtcp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.loadtcp.engine.net.TlsContexts;
import io.loadtcp.engine.net.TlsSettings;
import java.util.ArrayList;
import java.util.List;

/** Reads k6's TLS options ({@code insecureSkipTLSVerify}, {@code tlsAuth}, {@code tlsVersion}, {@code tlsCipherSuites}). */
final class TlsOptions {
    private TlsOptions() {}

    static TlsSettings fromScript(JsonNode o) {
        boolean insecure = o.path("insecureSkipTLSVerify").asBoolean(false);
        List<TlsSettings.ClientCertificate> certs = new ArrayList<>();
        for (JsonNode a : o.path("tlsAuth")) {
            if (!a.hasNonNull("cert") || !a.hasNonNull("key")) {
                throw new IllegalArgumentException("tlsAuth entries need \"cert\" and \"key\" (PEM text)");
            }
            List<String> domains = new ArrayList<>();
            a.path("domains").forEach(d -> domains.add(d.asText()));
            certs.add(new TlsSettings.ClientCertificate(a.get("cert").asText(), a.get("key").asText(), domains));
        }
        String min = null;
        String max = null;
        JsonNode v = o.get("tlsVersion");
        if (v != null && v.isTextual()) {
            min = v.asText();
            max = v.asText();
        } else if (v != null && v.isObject()) {
            min = v.hasNonNull("min") ? v.get("min").asText() : null;
            max = v.hasNonNull("max") ? v.get("max").asText() : null;
        }
        List<String> ciphers = new ArrayList<>();
        o.path("tlsCipherSuites").forEach(c -> ciphers.add(c.asText()));
        TlsSettings s = new TlsSettings(insecure, certs, min, max, ciphers, null);
        // Versions, keys and ciphers are checked now, before any VU starts. Only when there are some: building a
        // TLS context loads the JDK's TLS stack and BouncyCastle (a signed jar, verified on load), ~0.5 s of
        // start-up that a plain TCP test should not pay. The run's sockets then use the context built here.
        if (s.hasValuesToCheck()) TlsContexts.shared().forSettings(s);
        return s;
    }
}
