package org.govtel.media.webrtc;

import java.io.IOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.Locale;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcECContentSignerBuilder;

/**
 * The media node's DTLS identity for WebRTC (RFC 8827 §6.5): an ECDSA P-256 key and a self-signed
 * certificate made when the node starts. Browsers do not check it against any authority; they
 * compare its SHA-256 fingerprint with the {@code a=fingerprint} of our SDP answer, which the
 * signalling channel carried, so a fresh certificate per start is as good as a stored one.
 */
public final class DtlsIdentity {

    private final ECPrivateKeyParameters privateKey;
    private final byte[] certificateDer;
    private final String fingerprint;

    private DtlsIdentity(ECPrivateKeyParameters privateKey, byte[] certificateDer) {
        this.privateKey = privateKey;
        this.certificateDer = certificateDer;
        this.fingerprint = sha256Fingerprint(certificateDer);
    }

    /** A new key pair and a certificate valid from yesterday for 30 days (clock skew tolerant). */
    public static DtlsIdentity generate() {
        SecureRandom random = new SecureRandom();
        // Named (not explicit) curve parameters: browsers refuse certificates with explicit ones.
        X9ECParameters curve = ECNamedCurveTable.getByName("P-256");
        ECDomainParameters domain = new ECNamedDomainParameters(X9ObjectIdentifiers.prime256v1, curve);
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(domain, random));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        try {
            X500Name name = new X500Name("CN=GovTel media");
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(name,
                    new BigInteger(64, random).abs().add(BigInteger.ONE),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))), name,
                    SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(pair.getPublic()));
            AlgorithmIdentifier signature = new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withECDSA");
            AlgorithmIdentifier digest = new DefaultDigestAlgorithmIdentifierFinder().find(signature);
            X509CertificateHolder holder = builder.build(
                    new BcECContentSignerBuilder(signature, digest).build(pair.getPrivate()));
            return new DtlsIdentity((ECPrivateKeyParameters) pair.getPrivate(), holder.getEncoded());
        } catch (IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make the DTLS certificate", e);
        }
    }

    ECPrivateKeyParameters privateKey() {
        return privateKey;
    }

    byte[] certificateDer() {
        return certificateDer.clone();
    }

    /** {@code sha-256 AB:CD:...}, the value of our {@code a=fingerprint} (RFC 8122 §5). */
    public String fingerprint() {
        return fingerprint;
    }

    /** The RFC 8122 fingerprint of a DER certificate: upper-case hex bytes joined by colons. */
    static String sha256Fingerprint(byte[] der) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(der);
            return "sha-256 " + HexFormat.ofDelimiter(":").withUpperCase().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Whether two {@code a=fingerprint} values name the same hash (case and spacing aside). */
    static boolean sameFingerprint(String a, String b) {
        return a != null && b != null
                && a.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT)
                .equals(b.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT));
    }
}
