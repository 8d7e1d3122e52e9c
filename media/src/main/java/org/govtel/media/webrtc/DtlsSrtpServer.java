package org.govtel.media.webrtc;

import java.io.IOException;
import java.util.Hashtable;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SRTPProtectionProfile;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.govtel.media.srtp.SrtpParameters;
import org.govtel.media.srtp.SrtpSuite;

/**
 * The DTLS 1.2 server side of DTLS-SRTP (RFC 5764) for one browser: we answer {@code setup:passive},
 * so the browser is the DTLS client. It must present a certificate whose fingerprint is the one its
 * SDP offer announced (RFC 8122 §5, RFC 8827 §6.5); the only protection profile offered back is
 * SRTP_AES128_CM_HMAC_SHA1_80, which every browser supports and our SRTP code implements.
 * When the handshake completes, {@link #srtpParameters()} holds the exported SRTP keys.
 */
final class DtlsSrtpServer extends DefaultTlsServer {

    private static final int KEY = SrtpSuite.MASTER_KEY_BYTES;
    private static final int SALT = SrtpSuite.MASTER_SALT_BYTES;

    private final DtlsIdentity identity;
    private final String expectedRemoteFingerprint;
    private volatile SrtpParameters srtpParameters;

    DtlsSrtpServer(BcTlsCrypto crypto, DtlsIdentity identity, String expectedRemoteFingerprint) {
        super(crypto);
        this.identity = identity;
        this.expectedRemoteFingerprint = expectedRemoteFingerprint;
    }

    SrtpParameters srtpParameters() {
        return srtpParameters;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.DTLSv12.only();
    }

    /** Our key is ECDSA, so only ECDHE_ECDSA suites; AEAD first, as browsers prefer. */
    @Override
    protected int[] getSupportedCipherSuites() {
        return TlsUtils.getSupportedCipherSuites(getCrypto(), new int[] {
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
        });
    }

    @Override
    protected TlsCredentialedSigner getECDSASignerCredentials() {
        TlsCertificate certificate;
        try {
            certificate = getCrypto().createCertificate(identity.certificateDer());
        } catch (IOException e) {
            throw new IllegalStateException("our own certificate does not parse", e);
        }
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), (BcTlsCrypto) getCrypto(),
                identity.privateKey(), new Certificate(new TlsCertificate[] {certificate}),
                new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
    }

    @Override
    public CertificateRequest getCertificateRequest() {
        // RFC 8827 §6.5: both ends authenticate with the certificate their SDP fingerprinted.
        short[] types = {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign};
        return new CertificateRequest(types, TlsUtils.getDefaultSupportedSignatureAlgorithms(context), null);
    }

    @Override
    public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
        if (clientCertificate == null || clientCertificate.isEmpty()) {
            throw new TlsFatalAlert(AlertDescription.handshake_failure, "the browser sent no certificate");
        }
        String actual = DtlsIdentity.sha256Fingerprint(clientCertificate.getCertificateAt(0).getEncoded());
        if (!DtlsIdentity.sameFingerprint(actual, expectedRemoteFingerprint)) {
            throw new TlsFatalAlert(AlertDescription.bad_certificate, "certificate does not match a=fingerprint");
        }
    }

    @Override
    public void processClientExtensions(Hashtable clientExtensions) throws IOException {
        super.processClientExtensions(clientExtensions);
        UseSRTPData offered = TlsSRTPUtils.getUseSRTPExtension(clientExtensions);
        boolean supported = false;
        if (offered != null) {
            for (int profile : offered.getProtectionProfiles()) {
                supported |= profile == SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80;
            }
        }
        if (!supported) {
            throw new TlsFatalAlert(AlertDescription.handshake_failure, "no SRTP_AES128_CM_HMAC_SHA1_80 in use_srtp");
        }
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Hashtable getServerExtensions() throws IOException {
        Hashtable extensions = super.getServerExtensions();
        TlsSRTPUtils.addUseSRTPExtension(extensions,
                new UseSRTPData(new int[] {SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80}, new byte[0]));
        return extensions;
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        // RFC 5764 §4.2: client key | server key | client salt | server salt. We are the server.
        byte[] material = context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null, 2 * (KEY + SALT));
        byte[] client = new byte[KEY + SALT];
        byte[] server = new byte[KEY + SALT];
        System.arraycopy(material, 0, client, 0, KEY);
        System.arraycopy(material, KEY, server, 0, KEY);
        System.arraycopy(material, 2 * KEY, client, KEY, SALT);
        System.arraycopy(material, 2 * KEY + SALT, server, KEY, SALT);
        java.util.Arrays.fill(material, (byte) 0);
        srtpParameters = new SrtpParameters(1, SrtpSuite.AES_CM_128_HMAC_SHA1_80, client, server);
    }
}
