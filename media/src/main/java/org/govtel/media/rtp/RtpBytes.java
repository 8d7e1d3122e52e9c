package org.govtel.media.rtp;

/**
 * Reading and writing the fixed RTP header (RFC 3550 §5.1) and RTCP common header (§6.4) in
 * byte arrays, where the forwarding hot path keeps its packets.
 */
public final class RtpBytes {

    public static final int HEADER_BYTES = 12;

    private RtpBytes() {
    }

    public static int sequence(byte[] p, int off) {
        return readShort(p, off + 2);
    }

    public static long timestamp(byte[] p, int off) {
        return readInt(p, off + 4) & 0xFFFFFFFFL;
    }

    public static int ssrc(byte[] p, int off) {
        return readInt(p, off + 8);
    }

    public static int payloadType(byte[] p, int off) {
        return p[off + 1] & 0x7F;
    }

    public static boolean marker(byte[] p, int off) {
        return (p[off + 1] & 0x80) != 0;
    }

    /** Offset of the payload: after CSRCs and any header extension (§5.3.1), or -1 when malformed. */
    public static int payloadOffset(byte[] p, int off, int len) {
        if (len < HEADER_BYTES || (p[off] & 0xC0) != 0x80) {
            return -1;
        }
        int at = off + HEADER_BYTES + 4 * (p[off] & 0x0F);
        if ((p[off] & 0x10) != 0) {
            if (at + 4 > off + len) {
                return -1;
            }
            int words = ((p[at + 2] & 0xFF) << 8) | (p[at + 3] & 0xFF);
            at += 4 + 4 * words;
        }
        return at <= off + len ? at : -1;
    }

    /**
     * Finds header extension element {@code id} (RFC 8285 §4.2 one-byte or §4.3 two-byte form).
     *
     * @return {@code offset << 16 | length} of the element's data, or -1 when absent or malformed
     */
    public static long extension(byte[] p, int off, int len, int id) {
        if (id <= 0 || len < HEADER_BYTES || (p[off] & 0x10) == 0) {
            return -1;
        }
        int at = off + HEADER_BYTES + 4 * (p[off] & 0x0F);
        if (at + 4 > off + len) {
            return -1;
        }
        int profile = ((p[at] & 0xFF) << 8) | (p[at + 1] & 0xFF);
        int end = at + 4 + 4 * (((p[at + 2] & 0xFF) << 8) | (p[at + 3] & 0xFF));
        if (end > off + len) {
            return -1;
        }
        boolean oneByte = profile == 0xBEDE;
        if (!oneByte && (profile & 0xFFF0) != 0x1000) {
            return -1;
        }
        int i = at + 4;
        while (i < end) {
            int elementId;
            int length;
            if (oneByte) {
                elementId = (p[i] & 0xF0) >>> 4;
                if (elementId == 0) { // padding
                    i++;
                    continue;
                }
                if (elementId == 15) {
                    return -1;
                }
                length = (p[i] & 0x0F) + 1;
                i++;
            } else {
                elementId = p[i] & 0xFF;
                if (elementId == 0) {
                    i++;
                    continue;
                }
                if (i + 1 >= end) {
                    return -1;
                }
                length = p[i + 1] & 0xFF;
                i += 2;
            }
            if (i + length > end) {
                return -1;
            }
            if (elementId == id) {
                return ((long) i << 16) | length;
            }
            i += length;
        }
        return -1;
    }

    /** Where the payload ends: before any padding (§5.1, P bit), or -1 when malformed. */
    public static int payloadEnd(byte[] p, int off, int len) {
        int end = off + len;
        if ((p[off] & 0x20) != 0) {
            int padding = p[end - 1] & 0xFF;
            if (padding == 0 || padding > len - HEADER_BYTES) {
                return -1;
            }
            end -= padding;
        }
        return end;
    }

    public static int readInt(byte[] p, int at) {
        return ((p[at] & 0xFF) << 24) | ((p[at + 1] & 0xFF) << 16) | ((p[at + 2] & 0xFF) << 8) | (p[at + 3] & 0xFF);
    }

    public static void writeInt(byte[] p, int at, int v) {
        p[at] = (byte) (v >>> 24);
        p[at + 1] = (byte) (v >>> 16);
        p[at + 2] = (byte) (v >>> 8);
        p[at + 3] = (byte) v;
    }

    /** The unsigned 16-bit big-endian value at {@code at}. */
    public static int readShort(byte[] p, int at) {
        return (p[at] & 0xFF) << 8 | (p[at + 1] & 0xFF);
    }

    public static void writeShort(byte[] p, int at, int v) {
        p[at] = (byte) (v >>> 8);
        p[at + 1] = (byte) v;
    }

    /** Writes a 12-byte header: version 2, no padding, extension or CSRC. */
    public static void writeHeader(byte[] p, int off, boolean marker, int payloadType, int sequence, long timestamp, int ssrc) {
        p[off] = (byte) 0x80;
        p[off + 1] = (byte) ((marker ? 0x80 : 0) | (payloadType & 0x7F));
        writeShort(p, off + 2, sequence);
        writeInt(p, off + 4, (int) timestamp);
        writeInt(p, off + 8, ssrc);
    }
}
