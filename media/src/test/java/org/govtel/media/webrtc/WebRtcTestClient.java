package org.govtel.media.webrtc;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Hashtable;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SRTPProtectionProfile;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.UDPTransport;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.govtel.media.srtp.SrtpParameters;
import org.govtel.media.srtp.SrtpSuite;
import org.govtel.media.srtp.SrtpTransformer;

/**
 * The browser's side of a WebRTC transport, for tests and load drivers: a UDP socket that sends
 * ICE checks as a controlling agent, runs Bouncy Castle's DTLS client with its own certificate and
 * use_srtp, and then protects and unprotects SRTP with the exported keys.
 */
public final class WebRtcTestClient implements AutoCloseable {

    private final DatagramSocket socket;
    private final DtlsIdentity identity = DtlsIdentity.generate();
    private final String ufrag = WebRtcTransport.randomIceString(8);
    private final String password = WebRtcTransport.randomIceString(24);
    private SrtpTransformer srtp;
    private byte[] consentCheck;

    public WebRtcTestClient(InetSocketAddress bind) throws IOException {
        this.socket = new DatagramSocket(bind);
    }

    public String ufrag() {
        return ufrag;
    }

    public String password() {
        return password;
    }

    /** The value of this client's {@code a=fingerprint}. */
    public String fingerprint() {
        return identity.fingerprint();
    }

    public DatagramSocket socket() {
        return socket;
    }

    /**
     * Checks the server's candidate with USE-CANDIDATE until it answers (ICE, as the controlling
     * agent), then runs DTLS as the client; afterwards SRTP is ready.
     */
    public void connect(InetSocketAddress server, String serverUfrag, String serverPassword) throws IOException {
        byte[] check = bindingRequest(serverUfrag + ":" + ufrag, serverPassword.getBytes(StandardCharsets.US_ASCII),
                true);
        socket.setSoTimeout(500);
        byte[] in = new byte[1500];
        for (int attempt = 0; ; attempt++) {
            socket.send(new DatagramPacket(check, check.length, server));
            try {
                DatagramPacket p = new DatagramPacket(in, in.length);
                socket.receive(p);
                if (answerCheck(in, p.getLength(), (InetSocketAddress) p.getSocketAddress())) {
                    continue;
                }
                if (Stun.isStun(in, 0, p.getLength()) && Stun.readShort(in, 0) == Stun.BINDING_SUCCESS) {
                    break;
                }
            } catch (SocketTimeoutException e) {
                if (attempt >= 20) {
                    throw new IOException("no answer to ICE checks from " + server);
                }
            }
        }
        consentCheck = bindingRequest(serverUfrag + ":" + ufrag, serverPassword.getBytes(StandardCharsets.US_ASCII),
                false);
        socket.connect(server);
        BrowserDtls dtls = new BrowserDtls(identity);
        new DTLSClientProtocol().connect(dtls, new UDPTransport(socket, 1500) {
            @Override
            public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
                while (true) {
                    int n = super.receive(buf, off, len, waitMillis);
                    if (n <= 0 || !answerCheck(java.util.Arrays.copyOfRange(buf, off, off + n), n, server)) {
                        return n;
                    }
                }
            }
        });
        srtp = new SrtpTransformer(dtls.srtp);
        socket.setSoTimeout(0);
    }

    /**
     * Sends a consent check (RFC 7675), as browsers do every few seconds; without them the server
     * takes the client for gone. Its answer is skipped by {@link #receiveRtp}.
     */
    public void refreshConsent() throws IOException {
        socket.send(new DatagramPacket(consentCheck, consentCheck.length));
    }

    /** Protects the plain RTP packet in {@code packet} (spare room for the tag after it) and sends it. */
    public void sendRtp(byte[] packet, int length) throws IOException {
        int protectedLength = srtp.protectRtp(packet, 0, length);
        socket.send(new DatagramPacket(packet, protectedLength));
    }

    /**
     * Receives the next SRTP packet into {@code buffer}, decrypted; RTCP, STUN and DTLS are skipped.
     *
     * @return the plain RTP length
     */
    public int receiveRtp(byte[] buffer) throws IOException {
        while (true) {
            DatagramPacket p = new DatagramPacket(buffer, buffer.length);
            socket.receive(p);
            int length = p.getLength();
            if (answerCheck(buffer, length, (InetSocketAddress) p.getSocketAddress())
                    || length < 12 || (buffer[0] & 0xC0) != 0x80) {
                continue;
            }
            int payloadType = buffer[1] & 0xFF;
            if (payloadType >= 192 && payloadType <= 223) {
                continue;
            }
            int plain = srtp.unprotectRtp(buffer, 0, length);
            if (plain > 0) {
                return plain;
            }
        }
    }

    /**
     * Answers a connectivity check addressed to us (a full ICE peer sends triggered checks and
     * gives up on a pair whose checks go unanswered); returns whether {@code packet} was one.
     */
    private boolean answerCheck(byte[] packet, int length, InetSocketAddress from) throws IOException {
        Stun.BindingRequest check = Stun.checkBindingRequest(packet, 0, length, ufrag,
                password.getBytes(StandardCharsets.US_ASCII));
        if (check == null) {
            return false;
        }
        byte[] success = Stun.bindingSuccess(check.transactionId(), from, password.getBytes(StandardCharsets.US_ASCII));
        socket.send(new DatagramPacket(success, success.length, from));
        return true;
    }

    @Override
    public void close() {
        socket.close();
        if (srtp != null) {
            srtp.close();
        }
    }

    /** A Binding request as a controlling ICE agent sends it (RFC 8445 §7.1.1). */
    public static byte[] bindingRequest(String username, byte[] password, boolean useCandidate) {
        byte[] user = username.getBytes(StandardCharsets.UTF_8);
        int userPadded = (user.length + 3) & ~3;
        int length = Stun.HEADER_BYTES + 4 + userPadded + 8 + 12 + (useCandidate ? 4 : 0) + 24 + 8;
        byte[] m = new byte[length];
        Stun.writeShort(m, 0, Stun.BINDING_REQUEST);
        Stun.writeShort(m, 2, length - Stun.HEADER_BYTES);
        Stun.writeInt(m, 4, Stun.MAGIC_COOKIE);
        byte[] transactionId = new byte[12];
        new SecureRandom().nextBytes(transactionId);
        System.arraycopy(transactionId, 0, m, 8, 12);
        int at = Stun.HEADER_BYTES;
        Stun.writeShort(m, at, Stun.USERNAME);
        Stun.writeShort(m, at + 2, user.length);
        System.arraycopy(user, 0, m, at + 4, user.length);
        at += 4 + userPadded;
        // PRIORITY of a peer-reflexive host candidate (type preference 110, component 1) and our
        // role with its tie-breaker: a full ICE agent (libnice) checks both.
        Stun.writeShort(m, at, Stun.PRIORITY);
        Stun.writeShort(m, at + 2, 4);
        Stun.writeInt(m, at + 4, (110 << 24) | (65535 << 8) | 255);
        at += 8;
        Stun.writeShort(m, at, Stun.ICE_CONTROLLING);
        Stun.writeShort(m, at + 2, 8);
        byte[] tieBreaker = new byte[8];
        new SecureRandom().nextBytes(tieBreaker);
        System.arraycopy(tieBreaker, 0, m, at + 4, 8);
        at += 12;
        if (useCandidate) {
            Stun.writeShort(m, at, Stun.USE_CANDIDATE);
            at += 4;
        }
        Stun.writeShort(m, at, Stun.MESSAGE_INTEGRITY);
        Stun.writeShort(m, at + 2, 20);
        System.arraycopy(Stun.integrity(m, 0, at, password), 0, m, at + 4, 20);
        at += 24;
        Stun.writeShort(m, at, Stun.FINGERPRINT);
        Stun.writeShort(m, at + 2, 4);
        Stun.writeInt(m, at + 4, Stun.fingerprint(m, 0, at));
        return m;
    }

    /** The browser's DTLS client: DTLS 1.2, ECDSA certificate, use_srtp with the one profile browsers all offer. */
    public static final class BrowserDtls extends DefaultTlsClient {
        private final DtlsIdentity identity;
        public volatile SrtpParameters srtp;

        public BrowserDtls(DtlsIdentity identity) {
            super(new BcTlsCrypto(new SecureRandom()));
            this.identity = identity;
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return ProtocolVersion.DTLSv12.only();
        }

        @Override
        protected int[] getSupportedCipherSuites() {
            return new int[] {CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256};
        }

        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        public Hashtable getClientExtensions() throws IOException {
            Hashtable extensions = super.getClientExtensions();
            TlsSRTPUtils.addUseSRTPExtension(extensions,
                    new UseSRTPData(new int[] {SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80}, new byte[0]));
            return extensions;
        }

        @Override
        public TlsAuthentication getAuthentication() {
            return new TlsAuthentication() {
                @Override
                public void notifyServerCertificate(TlsServerCertificate serverCertificate) {
                    // A browser compares it with the answer's a=fingerprint; this test trusts it.
                }

                @Override
                public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
                    TlsCertificate certificate = getCrypto().createCertificate(identity.certificateDer());
                    return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context),
                            (BcTlsCrypto) getCrypto(), identity.privateKey(),
                            new Certificate(new TlsCertificate[] {certificate}),
                            new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
                }
            };
        }

        @Override
        public void notifyHandshakeComplete() throws IOException {
            super.notifyHandshakeComplete();
            byte[] m = context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null, 60);
            byte[] client = new byte[30];
            byte[] server = new byte[30];
            System.arraycopy(m, 0, client, 0, 16);
            System.arraycopy(m, 16, server, 0, 16);
            System.arraycopy(m, 32, client, 16, 14);
            System.arraycopy(m, 46, server, 16, 14);
            srtp = new SrtpParameters(1, SrtpSuite.AES_CM_128_HMAC_SHA1_80, server, client);
        }
    }
}
