package io.loadtcp.engine.target;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * A private key and its certificate chain (leaf first): what a TLS endpoint presents. Loaded from PEM files,
 * or generated with BouncyCastle (ECDSA P-256): a self-signed certificate for localhost, a CA, and certificates
 * the CA issues, so tests and {@code loadtcp serve --tls} need no keytool and no files prepared in advance.
 */
public final class TlsMaterial {
    /** The names a generated server certificate is valid for: enough to connect over loopback by name or address. */
    public static final List<String> LOCALHOST_NAMES = List.of("localhost", "127.0.0.1", "::1");

    private static final Duration VALIDITY = Duration.ofDays(365);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PrivateKey privateKey;
    private final List<X509Certificate> chain;

    private TlsMaterial(PrivateKey privateKey, List<X509Certificate> chain) {
        if (chain.isEmpty()) throw new IllegalArgumentException("a certificate chain needs at least one certificate");
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
        this.chain = List.copyOf(chain);
    }

    /** A key and its chain, leaf certificate first. */
    public static TlsMaterial of(PrivateKey privateKey, List<X509Certificate> chain) {
        return new TlsMaterial(privateKey, chain);
    }

    /**
     * Reads a PEM certificate file (leaf first, intermediates may follow) and a PEM private key file
     * (PKCS#8 {@code PRIVATE KEY}, or the OpenSSL {@code RSA/EC PRIVATE KEY} forms; not encrypted).
     *
     * @throws IOException when a file cannot be read or does not hold what it should; the message names the file
     */
    public static TlsMaterial load(Path certificatePem, Path privateKeyPem) throws IOException {
        List<X509Certificate> chain = readCertificates(certificatePem);
        PrivateKey key = readPrivateKey(privateKeyPem);
        if (!belongTogether(key, chain.getFirst())) {
            throw new IOException(privateKeyPem + ": this private key does not belong to the first certificate in " + certificatePem);
        }
        return new TlsMaterial(key, chain);
    }

    /** Signs a few bytes with the key and checks the signature with the certificate's public key. */
    private static boolean belongTogether(PrivateKey key, X509Certificate certificate) {
        if (!key.getAlgorithm().equals(certificate.getPublicKey().getAlgorithm())) return false;
        try {
            String algorithm = signatureAlgorithm(key);
            byte[] probe = "loadtcp".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return true; // a key type we cannot probe: let the TLS handshake be the judge
        }
    }

    /** A self-signed certificate for {@link #LOCALHOST_NAMES}, with a fresh key. */
    public static TlsMaterial selfSigned() {
        return selfSigned("localhost", LOCALHOST_NAMES);
    }

    /** A self-signed certificate with subject {@code CN=commonName} valid for the given DNS names and IP addresses. */
    public static TlsMaterial selfSigned(String commonName, List<String> subjectAltNames) {
        KeyPair keys = newKeyPair();
        X500Name subject = name(commonName);
        return build(subject, keys, subject, keys.getPrivate(), List.of(), certificate -> {
            certificate.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            certificate.addExtension(Extension.subjectAlternativeName, false, sans(subjectAltNames));
        });
    }

    /** A certificate authority (self-signed, allowed to sign certificates) for tests of mutual TLS. */
    public static TlsMaterial newCa(String commonName) {
        KeyPair keys = newKeyPair();
        X500Name subject = name(commonName);
        return build(subject, keys, subject, keys.getPrivate(), List.of(), certificate -> {
            certificate.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            certificate.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        });
    }

    /**
     * A certificate this material's key signs (this should be a {@link #newCa CA}), good for both TLS clients and
     * servers, valid for the given names (none for a pure client certificate). Its chain is leaf, then this chain.
     */
    public TlsMaterial issue(String commonName, String... subjectAltNames) {
        KeyPair keys = newKeyPair();
        X500Name issuer = X500Name.getInstance(certificate().getSubjectX500Principal().getEncoded());
        return build(name(commonName), keys, issuer, privateKey, chain, certificate -> {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            certificate.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(certificate()));
            certificate.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            certificate.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            certificate.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            if (subjectAltNames.length > 0) {
                certificate.addExtension(Extension.subjectAlternativeName, false, sans(List.of(subjectAltNames)));
            }
        });
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    /** The leaf certificate. */
    public X509Certificate certificate() {
        return chain.getFirst();
    }

    /** Leaf first. */
    public List<X509Certificate> chain() {
        return chain;
    }

    /** The whole chain as PEM, leaf first: what a certificate file holds. */
    public String certificatePem() {
        return toPem(chain);
    }

    /** The private key as unencrypted PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}), readable by Netty and OpenSSL. */
    public String privateKeyPem() {
        return pem("PRIVATE KEY", privateKey.getEncoded());
    }

    /** Writes {@link #certificatePem()} to {@code file} and returns it. */
    public Path writeCertificatePem(Path file) throws IOException {
        return Files.writeString(file, certificatePem(), StandardCharsets.US_ASCII);
    }

    /** Writes {@link #privateKeyPem()} to {@code file} and returns it. */
    public Path writePrivateKeyPem(Path file) throws IOException {
        return Files.writeString(file, privateKeyPem(), StandardCharsets.US_ASCII);
    }

    /** Certificates as concatenated PEM blocks. */
    public static String toPem(List<X509Certificate> certificates) {
        StringBuilder out = new StringBuilder();
        for (X509Certificate c : certificates) {
            try {
                out.append(pem("CERTIFICATE", c.getEncoded()));
            } catch (CertificateException e) {
                throw new IllegalStateException("cannot encode certificate " + c.getSubjectX500Principal(), e);
            }
        }
        return out.toString();
    }

    /** Every certificate in a PEM file, in file order. */
    public static List<X509Certificate> readCertificates(Path pemFile) throws IOException {
        List<X509Certificate> certificates = parseCertificates(Files.readString(pemFile, StandardCharsets.US_ASCII), pemFile.toString());
        return certificates;
    }

    /** Every certificate in PEM text, in order; {@code source} names it in error messages. */
    public static List<X509Certificate> parseCertificates(String pem, String source) throws IOException {
        List<X509Certificate> certificates = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                if (o instanceof X509CertificateHolder holder) certificates.add(converter.getCertificate(holder));
            }
        } catch (CertificateException | RuntimeException e) {
            throw new IOException(source + ": not a valid PEM certificate (" + e.getMessage() + ")", e);
        }
        if (certificates.isEmpty()) {
            throw new IOException(source + ": no PEM certificate in it (expected -----BEGIN CERTIFICATE-----)");
        }
        return certificates;
    }

    /** The private key in a PEM file. */
    public static PrivateKey readPrivateKey(Path pemFile) throws IOException {
        return parsePrivateKey(Files.readString(pemFile, StandardCharsets.US_ASCII), pemFile.toString());
    }

    /** The private key in PEM text; {@code source} names it in error messages. */
    public static PrivateKey parsePrivateKey(String pem, String source) throws IOException {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                switch (o) {
                    case PrivateKeyInfo info -> { return converter.getPrivateKey(info); }
                    case PEMKeyPair pair -> { return converter.getKeyPair(pair).getPrivate(); }
                    case PEMEncryptedKeyPair ignored -> throw encrypted(source);
                    case PKCS8EncryptedPrivateKeyInfo ignored -> throw encrypted(source);
                    default -> { } // parameters (e.g. EC PARAMETERS) or certificates in the same file
                }
            }
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(source)) throw e;
            throw new IOException(source + ": cannot read the private key (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            throw new IOException(source + ": not a valid PEM private key (" + e.getMessage() + ")", e);
        }
        throw new IOException(source + ": no PEM private key in it (expected -----BEGIN PRIVATE KEY-----)");
    }

    private static IOException encrypted(String source) {
        return new IOException(source + ": the private key is encrypted; decrypt it first (openssl pkcs8 -topk8 -nocrypt)");
    }

    private interface Extensions {
        void add(X509v3CertificateBuilder certificate) throws IOException, GeneralSecurityException;
    }

    private static TlsMaterial build(X500Name subject, KeyPair keys, X500Name issuer, PrivateKey issuerKey,
                                     List<X509Certificate> issuerChain, Extensions extensions) {
        Instant now = Instant.now();
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, new BigInteger(63, RANDOM).add(BigInteger.ONE),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)), subject, keys.getPublic());
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createSubjectKeyIdentifier(keys.getPublic()));
            extensions.add(builder);
            X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder(signatureAlgorithm(issuerKey)).build(issuerKey));
            List<X509Certificate> chain = new ArrayList<>();
            chain.add(new JcaX509CertificateConverter().getCertificate(holder));
            chain.addAll(issuerChain);
            return new TlsMaterial(keys.getPrivate(), chain);
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot generate a certificate for " + subject, e);
        }
    }

    private static String signatureAlgorithm(PrivateKey key) {
        return switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> throw new IllegalArgumentException("cannot sign with a " + key.getAlgorithm() + " key");
        };
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot generate EC P-256 keys", e);
        }
    }

    private static X500Name name(String commonName) {
        return new X500Name("CN=" + commonName.replace(",", "\\,").replace("=", "\\="));
    }

    private static GeneralNames sans(List<String> names) {
        GeneralName[] entries = new GeneralName[names.size()];
        for (int i = 0; i < entries.length; i++) {
            String n = names.get(i);
            entries[i] = isIpLiteral(n) ? new GeneralName(GeneralName.iPAddress, ipLiteral(n)) : new GeneralName(GeneralName.dNSName, n);
        }
        return new GeneralNames(entries);
    }

    private static boolean isIpLiteral(String name) {
        return name.contains(":") || name.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    private static String ipLiteral(String name) {
        try {
            return InetAddress.ofLiteral(name).getHostAddress(); // literal only: never a DNS lookup
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an IP address: " + name, e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
