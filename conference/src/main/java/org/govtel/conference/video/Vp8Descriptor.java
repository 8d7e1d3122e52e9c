package org.govtel.conference.video;

/**
 * The VP8 payload descriptor (RFC 7741 §4.2) at the start of an RTP payload: enough of it to find
 * key frames (§4.3: P bit of the payload header of a partition's first packet) and to rewrite
 * the picture ID and TL0PICIDX when several senders' streams are spliced into one.
 */
final class Vp8Descriptor {

    private Vp8Descriptor() {
    }

    /** Whether this packet starts a VP8 frame (S bit set, partition index 0). */
    static boolean startsFrame(byte[] p, int at, int end) {
        return at < end && (p[at] & 0x10) != 0 && (p[at] & 0x07) == 0;
    }

    /** Offset of the VP8 payload header after the descriptor, or -1 when malformed. */
    static int headerOffset(byte[] p, int at, int end) {
        if (at >= end) {
            return -1;
        }
        int i = at + 1;
        if ((p[at] & 0x80) != 0) { // X: extended control bits follow
            if (i >= end) {
                return -1;
            }
            int x = p[i++] & 0xFF;
            if ((x & 0x80) != 0) { // I: picture ID, 7 or 15 bits (M)
                if (i >= end) {
                    return -1;
                }
                i += (p[i] & 0x80) != 0 ? 2 : 1;
            }
            if ((x & 0x40) != 0) { // L: TL0PICIDX
                i++;
            }
            if ((x & 0x30) != 0) { // T or K: TID/Y/KEYIDX
                i++;
            }
        }
        return i < end ? i : -1;
    }

    /** Whether this packet is the first of a key frame (RFC 7741 §4.3: P = 0 in the payload header). */
    static boolean isKeyFrameStart(byte[] p, int at, int end) {
        if (!startsFrame(p, at, end)) {
            return false;
        }
        int header = headerOffset(p, at, end);
        return header >= 0 && (p[header] & 0x01) == 0;
    }

    /** The picture ID, or -1 when absent. */
    static int pictureId(byte[] p, int at, int end) {
        int i = pictureIdOffset(p, at, end);
        if (i < 0) {
            return -1;
        }
        return (p[i] & 0x80) != 0 ? ((p[i] & 0x7F) << 8) | (p[i + 1] & 0xFF) : p[i] & 0x7F;
    }

    /** Replaces the picture ID (keeping its 7- or 15-bit size). */
    static void setPictureId(byte[] p, int at, int end, int pictureId) {
        int i = pictureIdOffset(p, at, end);
        if (i < 0) {
            return;
        }
        if ((p[i] & 0x80) != 0) {
            p[i] = (byte) (0x80 | ((pictureId >>> 8) & 0x7F));
            p[i + 1] = (byte) pictureId;
        } else {
            p[i] = (byte) (pictureId & 0x7F);
        }
    }

    /** Whether the picture ID is the 15-bit form. */
    static boolean longPictureId(byte[] p, int at, int end) {
        int i = pictureIdOffset(p, at, end);
        return i >= 0 && (p[i] & 0x80) != 0;
    }

    /** The TL0PICIDX, or -1 when absent. */
    static int tl0PicIdx(byte[] p, int at, int end) {
        int i = tl0Offset(p, at, end);
        return i < 0 ? -1 : p[i] & 0xFF;
    }

    static void setTl0PicIdx(byte[] p, int at, int end, int value) {
        int i = tl0Offset(p, at, end);
        if (i >= 0) {
            p[i] = (byte) value;
        }
    }

    private static int pictureIdOffset(byte[] p, int at, int end) {
        if (at + 2 >= end || (p[at] & 0x80) == 0 || (p[at + 1] & 0x80) == 0) {
            return -1;
        }
        int i = at + 2;
        if ((p[i] & 0x80) != 0 && i + 1 >= end) {
            return -1;
        }
        return i;
    }

    private static int tl0Offset(byte[] p, int at, int end) {
        if (at + 1 >= end || (p[at] & 0x80) == 0 || (p[at + 1] & 0x40) == 0) {
            return -1;
        }
        int i = at + 2;
        if ((p[at + 1] & 0x80) != 0) {
            i += (p[i] & 0x80) != 0 ? 2 : 1;
        }
        return i < end ? i : -1;
    }
}
