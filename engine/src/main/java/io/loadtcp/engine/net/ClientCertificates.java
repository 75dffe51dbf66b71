package io.loadtcp.engine.net;

import io.loadtcp.engine.target.TlsMaterial;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The {@code tlsAuth} certificates, offered as k6 offers them (Go's crypto/tls client): to a server that asks for a
 * client certificate, the first of them, in the order given, that it accepts (issued by one of the authorities it
 * names, with a key type it can verify); none when no certificate fits. Which ones fit is the JDK's own check.
 * k6's {@code domains} take no part: Go's client never looks at them (k6 hands them to a server-side setting).
 */
final class ClientCertificates extends X509ExtendedKeyManager {
    private final X509ExtendedKeyManager jdk;
    private final List<String> aliasesInOrder;

    private ClientCertificates(X509ExtendedKeyManager jdk, List<String> aliasesInOrder) {
        this.jdk = jdk;
        this.aliasesInOrder = aliasesInOrder;
    }

    /** Parses every certificate and key; the message of a failure names the entry ({@code tlsAuth[1].key: …}). */
    static KeyManager of(List<TlsSettings.ClientCertificate> certificates) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] password = new char[0];
            List<String> aliases = new ArrayList<>();
            for (int i = 0; i < certificates.size(); i++) {
                TlsSettings.ClientCertificate c = certificates.get(i);
                List<X509Certificate> chain = TlsMaterial.parseCertificates(c.certPem(), "tlsAuth[" + i + "].cert");
                PrivateKey key = TlsMaterial.parsePrivateKey(c.keyPem(), "tlsAuth[" + i + "].key");
                String alias = "tlsauth-" + i;
                store.setKeyEntry(alias, key, password, chain.toArray(X509Certificate[]::new));
                aliases.add(alias);
            }
            KeyManagerFactory factory = KeyManagerFactory.getInstance("SunX509");
            factory.init(store, password);
            return new ClientCertificates((X509ExtendedKeyManager) factory.getKeyManagers()[0], List.copyOf(aliases));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private String choose(String[] keyTypes, Principal[] issuers) {
        Set<String> fitting = new HashSet<>();
        for (String keyType : keyTypes) {
            String[] aliases = jdk.getClientAliases(keyType, issuers);
            if (aliases != null) fitting.addAll(Arrays.asList(aliases));
        }
        for (String alias : aliasesInOrder) if (fitting.contains(alias)) return alias;
        return null;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return choose(keyTypes, issuers);
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return choose(keyTypes, issuers);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return jdk.getClientAliases(keyType, issuers);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return jdk.getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return jdk.getPrivateKey(alias);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null; // a client's key manager
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
