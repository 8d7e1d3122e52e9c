package org.govtel.media.webrtc;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.zip.CRC32;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The part of STUN (RFC 5389) an ICE-lite agent (RFC 8445 §2.5) needs: recognise a Binding
 * request, check its short-term credentials (USERNAME, MESSAGE-INTEGRITY, FINGERPRINT), and build
 * the success response carrying XOR-MAPPED-ADDRESS. A lite agent never sends checks of its own,
 * so nothing else is implemented.
 */
public final class Stun {

    static final int MAGIC_COOKIE = 0x2112A442;
    static final int HEADER_BYTES = 20;
    static final int BINDING_REQUEST = 0x0001;
    static final int BINDING_SUCCESS = 0x0101;

    static final int USERNAME = 0x0006;
    static final int MESSAGE_INTEGRITY = 0x0008;
    static final int XOR_MAPPED_ADDRESS = 0x0020;
    static final int PRIORITY = 0x0024;
    static final int USE_CANDIDATE = 0x0025;
    static final int FINGERPRINT = 0x8028;
    static final int ICE_CONTROLLED = 0x8029;
    static final int ICE_CONTROLLING = 0x802A;

    private static final int FINGERPRINT_XOR = 0x5354554E;
    private static final int INTEGRITY_BYTES = 20;

    private Stun() {
    }

    /** RFC 7983 §7: the first byte of a STUN message is 0–3. */
    public static boolean isStun(byte[] packet, int offset, int length) {
        return length >= HEADER_BYTES && (packet[offset] & 0xFF) <= 3 && readInt(packet, offset + 4) == MAGIC_COOKIE;
    }

    /**
     * The receiver's ufrag of a Binding request's USERNAME ("receiver:sender"), read without
     * checking anything else (the transport it names checks the request), or null.
     */
    static String localUfragOf(io.netty.buffer.ByteBuf buf) {
        int start = buf.readerIndex();
        int length = buf.readableBytes();
        if (length < HEADER_BYTES || (buf.getUnsignedByte(start) & 0xFF) > 3
                || buf.getInt(start + 4) != MAGIC_COOKIE || buf.getUnsignedShort(start) != BINDING_REQUEST) {
            return null;
        }
        int end = start + Math.min(length, HEADER_BYTES + buf.getUnsignedShort(start + 2));
        int at = start + HEADER_BYTES;
        while (at + 4 <= end) {
            int type = buf.getUnsignedShort(at);
            int valueLength = buf.getUnsignedShort(at + 2);
            if (at + 4 + valueLength > end) {
                return null;
            }
            if (type == USERNAME) {
                for (int i = 0; i < valueLength && i < 256; i++) {
                    if (buf.getByte(at + 4 + i) == ':') {
                        return buf.toString(at + 4, i, StandardCharsets.UTF_8);
                    }
                }
                return null;
            }
            at += 4 + ((valueLength + 3) & ~3);
        }
        return null;
    }

    /** What a checked Binding request said. */
    public record BindingRequest(byte[] transactionId, boolean useCandidate, String remoteUfrag) {
    }

    /**
     * Checks a Binding request addressed to {@code localUfrag} and signed with {@code localPassword}
     * (RFC 8445 §7.3: USERNAME is "receiver:sender", MESSAGE-INTEGRITY keyed by the receiver's
     * password; RFC 5389 §15.4/§15.5).
     *
     * @return the request, or null when it is not a Binding request or fails any check
     */
    public static BindingRequest checkBindingRequest(byte[] packet, int offset, int length, String localUfrag,
                                                     byte[] localPassword) {
        if (!isStun(packet, offset, length) || readShort(packet, offset) != BINDING_REQUEST) {
            return null;
        }
        int bodyLength = readShort(packet, offset + 2);
        if (bodyLength % 4 != 0 || HEADER_BYTES + bodyLength > length) {
            return null;
        }
        int end = offset + HEADER_BYTES + bodyLength;
        String username = null;
        boolean useCandidate = false;
        int integrityAt = -1;
        int fingerprintAt = -1;
        int at = offset + HEADER_BYTES;
        while (at + 4 <= end) {
            int type = readShort(packet, at);
            int valueLength = readShort(packet, at + 2);
            int value = at + 4;
            if (value + valueLength > end) {
                return null;
            }
            if (integrityAt >= 0 && type != FINGERPRINT) {
                // §15.4: everything after MESSAGE-INTEGRITY but FINGERPRINT is ignored.
                at = value + ((valueLength + 3) & ~3);
                continue;
            }
            switch (type) {
                case USERNAME -> username = new String(packet, value, valueLength, StandardCharsets.UTF_8);
                case USE_CANDIDATE -> useCandidate = true;
                case MESSAGE_INTEGRITY -> {
                    if (valueLength != INTEGRITY_BYTES) {
                        return null;
                    }
                    integrityAt = at;
                }
                case FINGERPRINT -> fingerprintAt = at;
                default -> {
                    // PRIORITY, ICE-CONTROLLING/CONTROLLED and the rest: a lite agent needs none of them.
                }
            }
            at = value + ((valueLength + 3) & ~3);
        }
        if (username == null || integrityAt < 0 || !username.startsWith(localUfrag + ":")) {
            return null;
        }
        if (fingerprintAt >= 0 && readInt(packet, fingerprintAt + 4) != fingerprint(packet, offset, fingerprintAt)) {
            return null;
        }
        byte[] expected = integrity(packet, offset, integrityAt, localPassword);
        byte[] actual = java.util.Arrays.copyOfRange(packet, integrityAt + 4, integrityAt + 4 + INTEGRITY_BYTES);
        if (!MessageDigest.isEqual(expected, actual)) {
            return null;
        }
        byte[] transactionId = java.util.Arrays.copyOfRange(packet, offset + 8, offset + HEADER_BYTES);
        return new BindingRequest(transactionId, useCandidate, username.substring(localUfrag.length() + 1));
    }

    /**
     * The Binding success response (RFC 5389 §7.3.1) telling the peer the address its request came
     * from, signed with {@code localPassword} and fingerprinted.
     */
    public static byte[] bindingSuccess(byte[] transactionId, InetSocketAddress source, byte[] localPassword) {
        InetAddress address = source.getAddress();
        byte[] ip = address.getAddress();
        int addressValue = 4 + ip.length;
        int length = HEADER_BYTES + 4 + addressValue + 4 + INTEGRITY_BYTES + 8;
        byte[] out = new byte[length];
        writeShort(out, 0, BINDING_SUCCESS);
        writeInt(out, 4, MAGIC_COOKIE);
        System.arraycopy(transactionId, 0, out, 8, 12);
        int at = HEADER_BYTES;
        // XOR-MAPPED-ADDRESS (§15.2): port XOR the cookie's top half, address XOR cookie (+ transaction id for IPv6).
        writeShort(out, at, XOR_MAPPED_ADDRESS);
        writeShort(out, at + 2, addressValue);
        out[at + 5] = (byte) (address instanceof Inet4Address ? 0x01 : 0x02);
        writeShort(out, at + 6, source.getPort() ^ (MAGIC_COOKIE >>> 16));
        for (int i = 0; i < ip.length; i++) {
            out[at + 8 + i] = (byte) (ip[i] ^ out[4 + i]);
        }
        at += 4 + addressValue;
        int integrityAt = at;
        writeShort(out, at, MESSAGE_INTEGRITY);
        writeShort(out, at + 2, INTEGRITY_BYTES);
        byte[] mac = integrity(out, 0, integrityAt, localPassword);
        System.arraycopy(mac, 0, out, at + 4, INTEGRITY_BYTES);
        at += 4 + INTEGRITY_BYTES;
        writeShort(out, at, FINGERPRINT);
        writeShort(out, at + 2, 4);
        writeShort(out, 2, length - HEADER_BYTES);
        writeInt(out, at + 4, fingerprint(out, 0, at));
        return out;
    }

    /**
     * HMAC-SHA1 over the message up to the MESSAGE-INTEGRITY attribute at {@code integrityAt}, with
     * the header's length adjusted to end just after that attribute (RFC 5389 §15.4).
     */
    static byte[] integrity(byte[] packet, int offset, int integrityAt, byte[] key) {
        byte[] copy = java.util.Arrays.copyOfRange(packet, offset, integrityAt);
        writeShort(copy, 2, integrityAt - offset - HEADER_BYTES + 4 + INTEGRITY_BYTES);
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            return mac.doFinal(copy);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
        }
    }

    /** CRC-32 of the message up to FINGERPRINT, length adjusted to include it, XOR 0x5354554e (§15.5). */
    static int fingerprint(byte[] packet, int offset, int fingerprintAt) {
        byte[] copy = java.util.Arrays.copyOfRange(packet, offset, fingerprintAt);
        writeShort(copy, 2, fingerprintAt - offset - HEADER_BYTES + 8);
        CRC32 crc = new CRC32();
        crc.update(copy);
        return (int) crc.getValue() ^ FINGERPRINT_XOR;
    }

    static int readShort(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    static int readInt(byte[] b, int at) {
        return (readShort(b, at) << 16) | readShort(b, at + 2);
    }

    static void writeShort(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }

    static void writeInt(byte[] b, int at, int v) {
        writeShort(b, at, v >>> 16);
        writeShort(b, at + 2, v);
    }
}
