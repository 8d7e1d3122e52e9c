package org.govtel.sip.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS identity of the SIP server: an operator-supplied PKCS#12 keystore, or a self-signed
 * certificate made on first start and kept in the data directory so phones that pinned it keep
 * trusting it across restarts.
 */
public final class TlsCertificates {

    private static final Logger log = LoggerFactory.getLogger(TlsCertificates.class);
    static final String KEYSTORE_FILE = "sip-tls.p12";
    static final String PASSWORD_FILE = "sip-tls.password";

    /** A keystore on disk and the password that opens it. */
    public record Keystore(Path path, String password) { }

    /**
     * TLS versions and suites offered to phones: TLS 1.2/1.3 with forward-secret AEAD suites
     * first, then the suite RFC 3261 §26.3.1 makes mandatory for SIP, which older phones need.
     */
    public static final String PROTOCOLS = "TLSv1.3, TLSv1.2";
    public static final String CIPHER_SUITES = "TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384, "
            + "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, "
            + "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, TLS_RSA_WITH_AES_128_GCM_SHA256, TLS_RSA_WITH_AES_128_CBC_SHA";

    private TlsCertificates() {
    }

    /** Returns the keystore in {@code dataDir}, creating a self-signed one if there is none. */
    public static Keystore selfSigned(Path dataDir, String hostName) throws IOException {
        Path keystore = dataDir.resolve(KEYSTORE_FILE);
        Path passwordFile = dataDir.resolve(PASSWORD_FILE);
        if (Files.exists(keystore) && Files.exists(passwordFile)) {
            return new Keystore(keystore, Files.readString(passwordFile, StandardCharsets.UTF_8).trim());
        }
        Files.createDirectories(dataDir);
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        try {
            KeyStore ks = generate(hostName, password.toCharArray());
            Path tmp = Files.createTempFile(dataDir, "sip-tls", ".tmp");
            ownerOnly(tmp);
            try (OutputStream out = Files.newOutputStream(tmp)) {
                ks.store(out, password.toCharArray());
            }
            Path tmpPass = Files.createTempFile(dataDir, "sip-tls-pass", ".tmp");
            ownerOnly(tmpPass);
            Files.writeString(tmpPass, password, StandardCharsets.UTF_8);
            Files.move(tmp, keystore, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            Files.move(tmpPass, passwordFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot create the self-signed SIP TLS certificate", e);
        }
        log.info("Created a self-signed SIP TLS certificate for {} in {}", hostName, keystore);
        return new Keystore(keystore, password);
    }

    /** Checks that an operator-supplied keystore opens with its password before the stack uses it. */
    public static Keystore configured(Path path, String password) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            KeyStore.getInstance("PKCS12").load(in, password.toCharArray());
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot open SIP TLS keystore " + path + ": " + e.getMessage(), e);
        }
        return new Keystore(path, password);
    }

    private static KeyStore generate(String hostName, char[] password)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        // RSA rather than EC: older desk phones only offer RSA key exchange suites.
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        KeyPair pair = gen.generateKeyPair();
        X500Name name = new X500Name("CN=" + hostName + ", O=GovTel");
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(Duration.ofDays(3650))), name, pair.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        int type = hostName.matches("[0-9.]+|.*:.*") ? GeneralName.iPAddress : GeneralName.dNSName;
        builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(type, hostName)));
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("govtel-sip", pair.getPrivate(), password, new X509Certificate[] {cert});
        return ks;
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the directory's own protection has to do.
        }
    }
}
