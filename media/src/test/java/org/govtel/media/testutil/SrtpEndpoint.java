package org.govtel.media.testutil;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.jitsi.srtp.SrtcpCryptoContext;
import org.jitsi.srtp.SrtpContextFactory;
import org.jitsi.srtp.SrtpCryptoContext;
import org.jitsi.srtp.SrtpErrorStatus;
import org.jitsi.srtp.SrtpPolicy;
import org.jitsi.utils.ByteArrayBuffer;
import org.jitsi.utils.logging2.LoggerImpl;

/**
 * The phone's side of SRTP in tests, straight on jitsi-srtp (not through the media module's own
 * transformer), with the RFC 4568 §6.2 suite parameters written out here independently: AES-CM
 * 128-bit key, 112-bit salt, HMAC-SHA1 with a 160-bit key and an 80-bit (or 32-bit) SRTP tag; SRTCP
 * always 80-bit. Each call copies: test code, not a hot path.
 */
public final class SrtpEndpoint {

    private final int srtpTagBytes;
    private final SrtpContextFactory sender;
    private final SrtpContextFactory receiver;
    private final Map<Integer, SrtpCryptoContext> sendRtp = new HashMap<>();
    private final Map<Integer, SrtcpCryptoContext> sendRtcp = new HashMap<>();
    private final Map<Integer, SrtpCryptoContext> receiveRtp = new HashMap<>();
    private final Map<Integer, SrtcpCryptoContext> receiveRtcp = new HashMap<>();

    /**
     * @param shortTag      AES_CM_128_HMAC_SHA1_32 (4-byte SRTP tag) instead of _80
     * @param sendKeySalt   30 octets: the key this endpoint declared in its SDP and sends with
     * @param receiveKeySalt 30 octets: the other side's declared key
     */
    public SrtpEndpoint(boolean shortTag, byte[] sendKeySalt, byte[] receiveKeySalt) {
        this.srtpTagBytes = shortTag ? 4 : 10;
        this.sender = factory(true, sendKeySalt);
        this.receiver = factory(false, receiveKeySalt);
    }

    private SrtpContextFactory factory(boolean send, byte[] keySalt) {
        SrtpPolicy rtp = new SrtpPolicy(SrtpPolicy.AESCM_ENCRYPTION, 16, SrtpPolicy.HMACSHA1_AUTHENTICATION, 20,
                srtpTagBytes, 14);
        SrtpPolicy rtcp = new SrtpPolicy(SrtpPolicy.AESCM_ENCRYPTION, 16, SrtpPolicy.HMACSHA1_AUTHENTICATION, 20,
                10, 14);
        return new SrtpContextFactory(send, Arrays.copyOf(keySalt, 16), Arrays.copyOfRange(keySalt, 16, 30), rtp,
                rtcp, new LoggerImpl("test-srtp"));
    }

    public int srtpTagBytes() {
        return srtpTagBytes;
    }

    /** The SRTP packet for a plain RTP packet. */
    public synchronized byte[] protectRtp(byte[] plain, int length) {
        int ssrc = ssrcAt(plain, 8);
        Buffer b = new Buffer(plain, length);
        try {
            check(context(sendRtp, ssrc, true).transformPacket(b));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return b.bytes();
    }

    /** The plain RTP packet, or null when authentication, replay check or decryption fails. */
    public synchronized byte[] unprotectRtp(byte[] packet, int length) {
        int ssrc = ssrcAt(packet, 8);
        Buffer b = new Buffer(packet, length);
        SrtpErrorStatus s;
        try {
            s = context(receiveRtp, ssrc, false).reverseTransformPacket(b, false);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return s == SrtpErrorStatus.OK ? b.bytes() : null;
    }

    public synchronized byte[] protectRtcp(byte[] plain, int length) {
        int ssrc = ssrcAt(plain, 4);
        Buffer b = new Buffer(plain, length);
        try {
            check(sendRtcp.computeIfAbsent(ssrc, s -> derive(sender, s)).transformPacket(b));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return b.bytes();
    }

    public synchronized byte[] unprotectRtcp(byte[] packet, int length) {
        int ssrc = ssrcAt(packet, 4);
        Buffer b = new Buffer(packet, length);
        SrtpErrorStatus s;
        try {
            s = receiveRtcp.computeIfAbsent(ssrc, x -> derive(receiver, x)).reverseTransformPacket(b);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return s == SrtpErrorStatus.OK ? b.bytes() : null;
    }

    private SrtpCryptoContext context(Map<Integer, SrtpCryptoContext> map, int ssrc, boolean send) {
        return map.computeIfAbsent(ssrc, s -> {
            try {
                return (send ? sender : receiver).deriveContext(s, 0);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static SrtcpCryptoContext derive(SrtpContextFactory f, int ssrc) {
        try {
            return f.deriveControlContext(ssrc);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void check(SrtpErrorStatus s) {
        if (s != SrtpErrorStatus.OK) {
            throw new IllegalStateException("SRTP protect failed: " + s);
        }
    }

    private static int ssrcAt(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }

    /** A growable copy of a packet, as jitsi-srtp wants it. */
    private static final class Buffer implements ByteArrayBuffer {
        private byte[] array;
        private int offset;
        private int length;

        Buffer(byte[] data, int length) {
            this.array = Arrays.copyOf(data, length + 32);
            this.length = length;
        }

        byte[] bytes() {
            return Arrays.copyOfRange(array, offset, offset + length);
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
            length = len;
        }

        @Override
        public void setOffset(int off) {
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
                array = Arrays.copyOf(array, offset + length + howMuch);
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
            length -= len;
        }
    }
}
