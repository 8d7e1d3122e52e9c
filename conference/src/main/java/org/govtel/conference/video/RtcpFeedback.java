package org.govtel.conference.video;

import org.govtel.media.rtp.RtcpCodec;
import org.govtel.media.rtp.RtcpReportBlock;
import org.govtel.media.rtp.RtpBytes;

/**
 * The RTCP feedback a forwarder sends and reads (RFC 4585, RFC 5104, draft-alvestrand-rmcat-remb):
 * PLI to ask a sender for a key frame, REMB to cap its bitrate, and, from receivers, PLI/FIR and
 * generic NACK. Each packet we send is a reduced compound: an empty receiver report first
 * (RFC 3550 §6.1 wants compounds to start with one), then the feedback message.
 */
final class RtcpFeedback {

    static final int RECEIVER_REPORT = 201;
    static final int RTPFB = 205;
    static final int PSFB = 206;
    static final int PLI_BYTES = 8 + 12;
    static final int REMB_BYTES = 8 + 24;

    /** What a receiver's RTCP asked for. */
    interface Handler {
        void onKeyFrameRequest();

        void onNack(int packetId, int lostBitmask);

        /** The receiver's estimate of what it can take, all streams together (REMB). */
        default void onRemb(long bitsPerSecond) {
        }
    }

    private RtcpFeedback() {
    }

    /** A receiver report with {@code blocks} at the start of {@code p} (RtcpCodec); returns its length. */
    private static int receiverReport(byte[] p, int senderSsrc, java.util.List<RtcpReportBlock> blocks) {
        io.netty.buffer.ByteBuf out = io.netty.buffer.Unpooled.wrappedBuffer(p);
        out.writerIndex(0);
        RtcpCodec.writeReceiverReport(out, senderSsrc, blocks);
        return out.writerIndex();
    }

    /** Picture Loss Indication (RFC 4585 §6.3.1) for {@code mediaSsrc}; returns the length written. */
    static int writePli(byte[] p, int senderSsrc, int mediaSsrc) {
        int at = receiverReport(p, senderSsrc, java.util.List.of());
        p[at] = (byte) 0x81;
        p[at + 1] = (byte) PSFB;
        RtpBytes.writeShort(p, at + 2, 2);
        RtpBytes.writeInt(p, at + 4, senderSsrc);
        RtpBytes.writeInt(p, at + 8, mediaSsrc);
        return PLI_BYTES;
    }

    /**
     * Generic NACK (RFC 4585 §6.2.1) asking {@code mediaSsrc}'s sender for {@code count} packets of
     * {@code sequences} (in the order lost): each FCI entry names one packet (PID) and, in its
     * bitmask (BLP), any of the 16 after it.
     *
     * @return the length written
     */
    static int writeNack(byte[] p, int senderSsrc, int mediaSsrc, int[] sequences, int count) {
        int at = receiverReport(p, senderSsrc, java.util.List.of());
        int start = at;
        p[at] = (byte) 0x81;
        p[at + 1] = (byte) RTPFB;
        RtpBytes.writeInt(p, at + 4, senderSsrc);
        RtpBytes.writeInt(p, at + 8, mediaSsrc);
        int fci = at + 12;
        int i = 0;
        while (i < count && fci + 4 <= p.length) {
            int pid = sequences[i++];
            int mask = 0;
            while (i < count) {
                int distance = (sequences[i] - pid) & 0xFFFF;
                if (distance < 1 || distance > 16) {
                    break;
                }
                mask |= 1 << (distance - 1);
                i++;
            }
            RtpBytes.writeShort(p, fci, pid);
            RtpBytes.writeShort(p, fci + 2, mask);
            fci += 4;
        }
        RtpBytes.writeShort(p, start + 2, (fci - start) / 4 - 1);
        return fci;
    }

    /** Receiver Estimated Maximum Bitrate for {@code mediaSsrc}: the sender keeps under {@code bitsPerSecond}. */
    static int writeRemb(byte[] p, int senderSsrc, int mediaSsrc, long bitsPerSecond) {
        return writeRemb(p, receiverReport(p, senderSsrc, java.util.List.of()), senderSsrc, mediaSsrc, bitsPerSecond);
    }

    /**
     * A receiver report with a block per layer we receive (so the browser's bandwidth estimation
     * sees the loss it causes, RFC 3550 §6.4.2), then a REMB capping it.
     *
     * @return the length written
     */
    static int writeReportAndRemb(byte[] p, int senderSsrc, java.util.List<RtcpReportBlock> blocks, int mediaSsrc,
                                  long bitsPerSecond) {
        return writeRemb(p, receiverReport(p, senderSsrc, blocks), senderSsrc, mediaSsrc, bitsPerSecond);
    }

    private static int writeRemb(byte[] p, int at, int senderSsrc, int mediaSsrc, long bitsPerSecond) {
        int exponent = 0;
        long mantissa = Math.max(0, bitsPerSecond);
        while (mantissa > 0x3FFFF) {
            mantissa >>= 1;
            exponent++;
        }
        p[at] = (byte) 0x8F;
        p[at + 1] = (byte) PSFB;
        RtpBytes.writeShort(p, at + 2, 5);
        RtpBytes.writeInt(p, at + 4, senderSsrc);
        RtpBytes.writeInt(p, at + 8, 0);
        p[at + 12] = 'R';
        p[at + 13] = 'E';
        p[at + 14] = 'M';
        p[at + 15] = 'B';
        p[at + 16] = 1;
        p[at + 17] = (byte) ((exponent << 2) | (int) (mantissa >>> 16));
        RtpBytes.writeShort(p, at + 18, (int) mantissa);
        RtpBytes.writeInt(p, at + 20, mediaSsrc);
        return at + 24;
    }

    /** The bitrate a REMB message at {@code at} carries (for tests and logs). */
    static long rembBitrate(byte[] p, int at) {
        int exponent = (p[at + 17] & 0xFF) >>> 2;
        long mantissa = ((p[at + 17] & 0x03L) << 16) | ((p[at + 18] & 0xFFL) << 8) | (p[at + 19] & 0xFFL);
        return mantissa << exponent;
    }

    /**
     * Walks a compound RTCP packet and reports the feedback addressed to {@code ourSsrc}: PLI and
     * FIR (RFC 5104 §4.3.1) as key frame requests, generic NACKs with their FCI entries.
     * Malformed lengths end the walk.
     */
    static void read(byte[] p, int off, int len, int ourSsrc, Handler handler) {
        int at = off;
        int end = off + len;
        while (at + 8 <= end) {
            if ((p[at] & 0xC0) != 0x80) {
                return;
            }
            int format = p[at] & 0x1F;
            int type = p[at + 1] & 0xFF;
            int size = (RtpBytes.readShort(p, at + 2) + 1) * 4;
            if (at + size > end) {
                return;
            }
            if (type == PSFB && format == 1 && size >= 12 && RtpBytes.readInt(p, at + 8) == ourSsrc) {
                handler.onKeyFrameRequest();
            } else if (type == PSFB && format == 4 && size >= 20) {
                for (int fci = at + 12; fci + 8 <= at + size; fci += 8) {
                    if (RtpBytes.readInt(p, fci) == ourSsrc) {
                        handler.onKeyFrameRequest();
                    }
                }
            } else if (type == PSFB && format == 15 && size >= 20 && p[at + 12] == 'R' && p[at + 13] == 'E'
                    && p[at + 14] == 'M' && p[at + 15] == 'B') {
                handler.onRemb(rembBitrate(p, at));
            } else if (type == RTPFB && format == 1 && size >= 16 && RtpBytes.readInt(p, at + 8) == ourSsrc) {
                for (int fci = at + 12; fci + 4 <= at + size; fci += 4) {
                    handler.onNack(RtpBytes.readShort(p, fci), RtpBytes.readShort(p, fci + 2));
                }
            }
            at += size;
        }
    }
}
