package io.loadtcp.engine.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsMaterialTest {
    @Test
    void selfSignedCertificateNamesLocalhostAndLoopbackAddresses() throws Exception {
        X509Certificate cert = TlsMaterial.selfSigned().certificate();
        Set<String> sans = cert.getSubjectAlternativeNames().stream().map(san -> String.valueOf(san.get(1))).collect(Collectors.toSet());
        assertTrue(sans.contains("localhost"), sans.toString());
        assertTrue(sans.contains("127.0.0.1"), sans.toString());
        assertEquals(cert.getSubjectX500Principal(), cert.getIssuerX500Principal());
        cert.verify(cert.getPublicKey());
        cert.checkValidity();
    }

    @Test
    void issuedCertificateIsSignedByTheCa() throws Exception {
        TlsMaterial ca = TlsMaterial.newCa("test CA");
        TlsMaterial client = ca.issue("client");
        client.certificate().verify(ca.certificate().getPublicKey());
        assertEquals(List.of(client.certificate(), ca.certificate()), client.chain());
        assertTrue(ca.certificate().getBasicConstraints() >= 0, "the CA may sign");
        assertEquals(-1, client.certificate().getBasicConstraints(), "the issued certificate may not");
    }

    @Test
    void pemFilesWrittenCanBeLoadedBack(@TempDir Path dir) throws Exception {
        TlsMaterial original = TlsMaterial.newCa("ca").issue("server", "localhost");
        Path cert = original.writeCertificatePem(dir.resolve("cert.pem"));
        Path key = original.writePrivateKeyPem(dir.resolve("key.pem"));
        assertTrue(Files.readString(key).startsWith("-----BEGIN PRIVATE KEY-----\n"));
        TlsMaterial loaded = TlsMaterial.load(cert, key);
        assertEquals(original.chain(), loaded.chain());
        assertEquals(original.privateKey(), loaded.privateKey());
    }

    @Test
    void aKeyThatDoesNotMatchTheCertificateIsRefused(@TempDir Path dir) throws Exception {
        Path cert = TlsMaterial.selfSigned().writeCertificatePem(dir.resolve("cert.pem"));
        Path otherKey = TlsMaterial.selfSigned().writePrivateKeyPem(dir.resolve("other-key.pem"));
        IOException e = assertThrows(IOException.class, () -> TlsMaterial.load(cert, otherKey));
        assertTrue(e.getMessage().contains("does not belong"), e.getMessage());
    }

    @Test
    void loadingSomethingThatIsNotPemSaysWhichFile(@TempDir Path dir) throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.pem"), "not a certificate\n");
        IOException e = assertThrows(IOException.class, () -> TlsMaterial.load(junk, junk));
        assertTrue(e.getMessage().startsWith(junk.toString()) && e.getMessage().contains("no PEM"), e.getMessage());
        assertThrows(IOException.class, () -> TlsMaterial.readPrivateKey(dir.resolve("missing.pem")));
    }
}
