package org.govtel.media.srtp;

import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import org.jitsi.srtp.SrtcpCryptoContext;
import org.jitsi.srtp.SrtpContextFactory;
import org.jitsi.srtp.SrtpCryptoContext;
import org.jitsi.srtp.SrtpErrorStatus;
import org.jitsi.srtp.SrtpPolicy;
import org.jitsi.srtp.crypto.Aes;
import org.jitsi.utils.ByteArrayBuffer;
import org.jitsi.utils.logging2.Logger;
import org.jitsi.utils.logging2.LoggerImpl;

/**
 * SRTP and SRTCP (RFC 3711) for one call leg, keyed by SDES {@link SrtpParameters}, on top of
 * jitsi-srtp's crypto contexts. Packets are transformed in place in byte arrays the caller owns, so
 * the hot paths allocate nothing once the contexts exist.
 *
 * <ul>
 *   <li>Receive ({@link #unprotectRtp}, {@link #unprotectRtcp}): one crypto context per sender SSRC,
 *       derived from the remote master key with ROC 0 (RFC 3711 §3.3.1: a new SDES key starts a new
 *       context); the tag is checked before anything else (§3.3 step 5), then the replay list
 *       (§3.3.2, a 64-packet window), then the payload is decrypted. A context is kept only once a
 *       packet has authenticated with it, so forged packets with invented SSRCs leave no state.</li>
 *   <li>Send ({@link #protectRtp}, {@link #protectRtcp}): one context for our SSRC, from our master
 *       key; the packet grows by the tag (RTP) or by the E flag, SRTCP index and tag (RTCP, §3.4).</li>
 * </ul>
 *
 * <p>Threads: the receive methods are for the session's event loop only; the send methods are
 * synchronized. {@link #close} wipes the master keys held here.
 */
public final class SrtpTransformer implements AutoCloseable {

    /** Result of a receive call: the authentication tag did not verify (RFC 3711 §3.3 step 5). */
    public static final int AUTHENTICATION_FAILED = -1;
    /** Result of a receive call: the packet index was seen before or is too old (§3.3.2). */
    public static final int REPLAYED = -2;
    /** Result of any call: too short or otherwise not transformable. */
    public static final int INVALID = -3;
    /** The most an RTP or RTCP packet grows when protected: E flag + SRTCP index (4) + 80-bit tag. */
    public static final int MAX_PROTECT_OVERHEAD = 4 + SrtpSuite.SRTCP_AUTH_TAG_BYTES;

    private static final int RTP_HEADER_BYTES = 12;
    private static final int RTCP_HEADER_BYTES = 8;
    /** Receive contexts kept per direction; a phone uses one SSRC, a few after transfers. */
    private static final int MAX_REMOTE_SOURCES = 16;
    private static final Logger LOG = new LoggerImpl(SrtpTransformer.class.getName(), Level.WARNING);

    static {
        // jitsi-srtp benchmarks every AES provider on first use unless one is named; the JDK's
        // SunJCE AES uses the CPU's AES instructions. Override with -Dgovtel.srtp.aes-factory=...
        Aes.setFactoryClassName(System.getProperty("govtel.srtp.aes-factory", "SunJCE"));
    }

    private final SrtpParameters parameters;
    private final int srtpTagBytes;
    private final SrtpContextFactory sendFactory;
    private final SrtpContextFactory receiveFactory;

    // Send side, guarded by this.
    private final Buffer sendView = new Buffer();
    private final Map<Integer, SrtpCryptoContext> sendRtpContexts = new HashMap<>();
    private final Map<Integer, SrtcpCryptoContext> sendRtcpContexts = new HashMap<>();
    private SrtpCryptoContext sendRtp;
    private SrtcpCryptoContext sendRtcp;

    // Receive side, event loop only.
    private final Buffer receiveView = new Buffer();
    private final Map<Integer, SrtpCryptoContext> receiveRtp = new HashMap<>();
    private final Map<Integer, SrtcpCryptoContext> receiveRtcp = new HashMap<>();
    private SrtpCryptoContext lastRtp;
    private SrtcpCryptoContext lastRtcp;

    public SrtpTransformer(SrtpParameters parameters) {
        this.parameters = parameters;
        SrtpSuite suite = parameters.suite();
        this.srtpTagBytes = suite.srtpAuthTagBytes();
        byte[] local = parameters.localKeySalt();
        byte[] remote = parameters.remoteKeySalt();
        try {
            this.sendFactory = new SrtpContextFactory(true, key(local), salt(local), srtpPolicy(suite),
                    srtcpPolicy(), LOG);
            this.receiveFactory = new SrtpContextFactory(false, key(remote), salt(remote), srtpPolicy(suite),
                    srtcpPolicy(), LOG);
        } finally {
            java.util.Arrays.fill(local, (byte) 0);
            java.util.Arrays.fill(remote, (byte) 0);
        }
    }

    /** RFC 4568 §6.2.1/§6.2.2 mapped onto RFC 3711's transforms: AES-CM 128, HMAC-SHA1, 112-bit salt. */
    static SrtpPolicy srtpPolicy(SrtpSuite suite) {
        return new SrtpPolicy(SrtpPolicy.AESCM_ENCRYPTION, SrtpSuite.MASTER_KEY_BYTES,
                SrtpPolicy.HMACSHA1_AUTHENTICATION, SrtpSuite.AUTH_KEY_BYTES, suite.srtpAuthTagBytes(),
                SrtpSuite.MASTER_SALT_BYTES);
    }

    /** SRTCP: the same transforms with the 80-bit tag for both suites (RFC 4568 §6.2.2). */
    static SrtpPolicy srtcpPolicy() {
        return new SrtpPolicy(SrtpPolicy.AESCM_ENCRYPTION, SrtpSuite.MASTER_KEY_BYTES,
                SrtpPolicy.HMACSHA1_AUTHENTICATION, SrtpSuite.AUTH_KEY_BYTES, SrtpSuite.SRTCP_AUTH_TAG_BYTES,
                SrtpSuite.MASTER_SALT_BYTES);
    }

    private static byte[] key(byte[] keySalt) {
        return java.util.Arrays.copyOfRange(keySalt, 0, SrtpSuite.MASTER_KEY_BYTES);
    }

    private static byte[] salt(byte[] keySalt) {
        return java.util.Arrays.copyOfRange(keySalt, SrtpSuite.MASTER_KEY_BYTES, SrtpSuite.KEY_SALT_BYTES);
    }

    public SrtpParameters parameters() {
        return parameters;
    }

    /** Whether this transformer was built for the same suite and keys. */
    public boolean uses(SrtpParameters p) {
        return parameters.sameKeys(p);
    }

    // ------------------------------------------------------------------ receive (event loop)

    /**
     * Authenticates, replay-checks and decrypts the SRTP packet of {@code length} bytes at
     * {@code offset}, in place (RFC 3711 §3.3).
     *
     * @return the length of the plain RTP packet (without the tag), or {@link #AUTHENTICATION_FAILED},
     *         {@link #REPLAYED} or {@link #INVALID}
     */
    public int unprotectRtp(byte[] packet, int offset, int length) {
        if (length < RTP_HEADER_BYTES + srtpTagBytes) {
            return INVALID;
        }
        int ssrc = readInt(packet, offset + 8);
        SrtpCryptoContext context = lastRtp != null && lastRtp.getSsrc() == ssrc ? lastRtp : receiveRtp.get(ssrc);
        boolean fresh = context == null;
        try {
            if (fresh) {
                context = receiveFactory.deriveContext(ssrc, 0);
            }
            receiveView.wrap(packet, offset, length);
            int result = result(context.reverseTransformPacket(receiveView, false));
            if (result < 0) {
                return result;
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            return INVALID;
        }
        if (fresh) {
            if (receiveRtp.size() >= MAX_REMOTE_SOURCES) {
                receiveRtp.clear();
            }
            receiveRtp.put(ssrc, context);
        }
        lastRtp = context;
        return receiveView.length;
    }

    /**
     * Authenticates, replay-checks and decrypts an SRTCP compound packet in place (RFC 3711 §3.4).
     *
     * @return the length of the plain RTCP packet (without E flag, index and tag), or a negative
     *         result as {@link #unprotectRtp}
     */
    public int unprotectRtcp(byte[] packet, int offset, int length) {
        if (length < RTCP_HEADER_BYTES + 4 + SrtpSuite.SRTCP_AUTH_TAG_BYTES) {
            return INVALID;
        }
        int ssrc = readInt(packet, offset + 4);
        SrtcpCryptoContext context = lastRtcp != null && lastRtcp.getSsrc() == ssrc ? lastRtcp
                : receiveRtcp.get(ssrc);
        boolean fresh = context == null;
        try {
            if (fresh) {
                context = receiveFactory.deriveControlContext(ssrc);
            }
            receiveView.wrap(packet, offset, length);
            int result = result(context.reverseTransformPacket(receiveView));
            if (result < 0) {
                return result;
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            return INVALID;
        }
        if (fresh) {
            if (receiveRtcp.size() >= MAX_REMOTE_SOURCES) {
                receiveRtcp.clear();
            }
            receiveRtcp.put(ssrc, context);
        }
        lastRtcp = context;
        return receiveView.length;
    }

    // ------------------------------------------------------------------ send (any thread)

    /**
     * Encrypts and authenticates an RTP packet in place (RFC 3711 §3.3); the array must have
     * {@link #MAX_PROTECT_OVERHEAD} spare bytes after the packet.
     *
     * @return the SRTP packet length, or {@link #INVALID}
     */
    public synchronized int protectRtp(byte[] packet, int offset, int length) {
        if (length < RTP_HEADER_BYTES) {
            return INVALID;
        }
        requireRoom(packet, offset, length);
        int ssrc = readInt(packet, offset + 8);
        try {
            if (sendRtp == null || sendRtp.getSsrc() != ssrc) {
                // A WebRTC transport sends several SSRCs (audio, video); each keeps its own
                // rollover counter (RFC 3711 §3.3.1), so contexts are kept, not re-derived.
                sendRtp = sendRtpContexts.get(ssrc);
                if (sendRtp == null) {
                    sendRtp = sendFactory.deriveContext(ssrc, 0);
                    if (sendRtpContexts.size() >= MAX_REMOTE_SOURCES) {
                        sendRtpContexts.clear();
                    }
                    sendRtpContexts.put(ssrc, sendRtp);
                }
            }
            sendView.wrap(packet, offset, length);
            int result = result(sendRtp.transformPacket(sendView));
            return result < 0 ? result : sendView.length;
        } catch (GeneralSecurityException | RuntimeException e) {
            return INVALID;
        }
    }

    /**
     * Encrypts an RTCP compound packet, appends the E flag and SRTCP index and the tag (RFC 3711
     * §3.4), in place; the array must have {@link #MAX_PROTECT_OVERHEAD} spare bytes after it.
     *
     * @return the SRTCP packet length, or {@link #INVALID}
     */
    public synchronized int protectRtcp(byte[] packet, int offset, int length) {
        if (length < RTCP_HEADER_BYTES) {
            return INVALID;
        }
        requireRoom(packet, offset, length);
        int ssrc = readInt(packet, offset + 4);
        try {
            if (sendRtcp == null || sendRtcp.getSsrc() != ssrc) {
                sendRtcp = sendRtcpContexts.get(ssrc);
                if (sendRtcp == null) {
                    sendRtcp = sendFactory.deriveControlContext(ssrc);
                    if (sendRtcpContexts.size() >= MAX_REMOTE_SOURCES) {
                        sendRtcpContexts.clear();
                    }
                    sendRtcpContexts.put(ssrc, sendRtcp);
                }
            }
            sendView.wrap(packet, offset, length);
            int result = result(sendRtcp.transformPacket(sendView));
            return result < 0 ? result : sendView.length;
        } catch (GeneralSecurityException | RuntimeException e) {
            return INVALID;
        }
    }

    private static void requireRoom(byte[] packet, int offset, int length) {
        if (packet.length - offset - length < MAX_PROTECT_OVERHEAD) {
            throw new IllegalArgumentException("no room for the SRTP trailer");
        }
    }

    /** Wipes the master keys (RFC 3711 §9.2 hygiene); contexts already derived keep working. */
    @Override
    public void close() {
        sendFactory.close();
        receiveFactory.close();
    }

    private static int result(SrtpErrorStatus status) {
        switch (status) {
            case OK:
                return 0;
            case AUTH_FAIL:
                return AUTHENTICATION_FAILED;
            case REPLAY_FAIL:
            case REPLAY_OLD:
                return REPLAYED;
            default:
                return INVALID;
        }
    }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }

    @Override
    public String toString() {
        return "SrtpTransformer[" + parameters + "]";
    }

    /**
     * jitsi-srtp's view of a packet: a window on the caller's array. It never reallocates (the
     * callers leave room), so the transformed bytes are always in the caller's array.
     */
    private static final class Buffer implements ByteArrayBuffer {
        private byte[] array;
        private int offset;
        private int length;

        void wrap(byte[] a, int off, int len) {
            array = a;
            offset = off;
            length = len;
        }

        @Override
        public byte[] getBuffer() {
            return array;
        }

        @Override
        public int getOffset() {
            return offset;
        }

        @Override
        public int getLength() {
            return length;
        }

        @Override
        public void setLength(int len) {
            if (len < 0 || offset + len > array.length) {
                throw new IllegalArgumentException("length " + len);
            }
            length = len;
        }

        @Override
        public void setOffset(int off) {
            if (off < 0 || off > array.length) {
                throw new IllegalArgumentException("offset " + off);
            }
            offset = off;
        }

        @Override
        public boolean isInvalid() {
            return false;
        }

        @Override
        public void readRegionToBuff(int off, int len, byte[] out) {
            System.arraycopy(array, offset + off, out, 0, len);
        }

        @Override
        public void grow(int howMuch) {
            if (offset + length + howMuch > array.length) {
                throw new IllegalStateException("SRTP buffer too small by "
                        + (offset + length + howMuch - array.length));
            }
        }

        @Override
        public void append(byte[] data, int len) {
            grow(len);
            System.arraycopy(data, 0, array, offset + length, len);
            length += len;
        }

        @Override
        public void shrink(int len) {
            if (len > 0) {
                length = Math.max(0, length - len);
            }
        }
    }
}
