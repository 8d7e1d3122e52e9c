package org.govtel.media.rtp;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds and parses RTCP compound packets (RFC 3550 §6): SR (§6.4.1), RR (§6.4.2), SDES with a
 * CNAME (§6.5.1, required in every compound packet by §6.1) and BYE (§6.6).
 */
public final class RtcpCodec {

    private static final int REPORT_BLOCK_BYTES = 24;
    private static final int MAX_REPORT_BLOCKS = 31;

    private RtcpCodec() {
    }

    /** Writes a sender report with up to 31 report blocks. */
    public static void writeSenderReport(ByteBuf out, int ssrc, long ntpTimestamp, long rtpTimestamp,
                                         long packetCount, long octetCount, List<RtcpReportBlock> blocks) {
        checkBlockCount(blocks);
        int words = 6 + 6 * blocks.size(); // length field: 32-bit words minus one
        out.writeByte(0x80 | blocks.size());
        out.writeByte(RtcpPacket.PT_SENDER_REPORT);
        out.writeShort(words);
        out.writeInt(ssrc);
        out.writeLong(ntpTimestamp);
        out.writeInt((int) rtpTimestamp);
        out.writeInt((int) packetCount);
        out.writeInt((int) octetCount);
        for (RtcpReportBlock block : blocks) {
            writeReportBlock(out, block);
        }
    }

    /** Writes a receiver report with up to 31 report blocks. */
    public static void writeReceiverReport(ByteBuf out, int ssrc, List<RtcpReportBlock> blocks) {
        checkBlockCount(blocks);
        out.writeByte(0x80 | blocks.size());
        out.writeByte(RtcpPacket.PT_RECEIVER_REPORT);
        out.writeShort(1 + 6 * blocks.size());
        out.writeInt(ssrc);
        for (RtcpReportBlock block : blocks) {
            writeReportBlock(out, block);
        }
    }

    /** Writes an SDES packet with one chunk holding the CNAME item, padded to a 32-bit boundary. */
    public static void writeSourceDescription(ByteBuf out, int ssrc, String cname) {
        byte[] text = cname.getBytes(StandardCharsets.UTF_8);
        if (text.length > 255) {
            throw new IllegalArgumentException("CNAME longer than 255 octets");
        }
        int chunkBytes = 4 + 2 + text.length + 1; // SSRC, type+length, text, at least one null
        int padded = (chunkBytes + 3) & ~3;
        out.writeByte(0x81);
        out.writeByte(RtcpPacket.PT_SOURCE_DESCRIPTION);
        out.writeShort(padded / 4);
        out.writeInt(ssrc);
        out.writeByte(1); // CNAME
        out.writeByte(text.length);
        out.writeBytes(text);
        out.writeZero(padded - (chunkBytes - 1));
    }

    /** Writes a BYE for one source. */
    public static void writeBye(ByteBuf out, int ssrc) {
        out.writeByte(0x81);
        out.writeByte(RtcpPacket.PT_BYE);
        out.writeShort(1);
        out.writeInt(ssrc);
    }

    /**
     * Parses the readable bytes of {@code in} as a compound RTCP packet and returns the SR, RR and
     * BYE packets in it; SDES, APP and feedback packets are skipped.
     *
     * @throws IllegalArgumentException when the bytes are not valid RTCP (§A.2 validity checks:
     *                                  version 2, lengths that add up to the datagram)
     */
    public static List<RtcpPacket> parse(ByteBuf in) {
        List<RtcpPacket> packets = new ArrayList<>(2);
        int index = in.readerIndex();
        int end = in.writerIndex();
        if (end - index < 4) {
            throw new IllegalArgumentException("RTCP packet shorter than a header");
        }
        while (index < end) {
            if (end - index < 4) {
                throw new IllegalArgumentException("trailing bytes after the last RTCP packet");
            }
            int first = in.getUnsignedByte(index);
            if ((first >> 6) != 2) {
                throw new IllegalArgumentException("RTCP version " + (first >> 6));
            }
            int count = first & 0x1F;
            int type = in.getUnsignedByte(index + 1);
            int packetBytes = 4 * (in.getUnsignedShort(index + 2) + 1);
            if (index + packetBytes > end) {
                throw new IllegalArgumentException("RTCP length beyond the datagram");
            }
            int body = index + 4;
            switch (type) {
                case RtcpPacket.PT_SENDER_REPORT -> {
                    requireLength(packetBytes, 28 + REPORT_BLOCK_BYTES * count);
                    packets.add(new RtcpPacket.SenderReport(in.getInt(body), in.getLong(body + 4),
                            in.getUnsignedInt(body + 12), in.getUnsignedInt(body + 16),
                            in.getUnsignedInt(body + 20), readReportBlocks(in, body + 24, count)));
                }
                case RtcpPacket.PT_RECEIVER_REPORT -> {
                    requireLength(packetBytes, 8 + REPORT_BLOCK_BYTES * count);
                    packets.add(new RtcpPacket.ReceiverReport(in.getInt(body), readReportBlocks(in, body + 4, count)));
                }
                case RtcpPacket.PT_BYE -> {
                    requireLength(packetBytes, 4 + 4 * count);
                    List<Integer> sources = new ArrayList<>(count);
                    for (int i = 0; i < count; i++) {
                        sources.add(in.getInt(body + 4 * i));
                    }
                    packets.add(new RtcpPacket.Bye(sources));
                }
                default -> {
                    // SDES, APP, RTPFB/PSFB: not used by the audio bridge.
                }
            }
            index += packetBytes;
        }
        return packets;
    }

    private static void writeReportBlock(ByteBuf out, RtcpReportBlock block) {
        int cumulative = Math.max(-0x800000, Math.min(0x7FFFFF, block.cumulativeLost()));
        out.writeInt(block.ssrc());
        out.writeByte(block.fractionLost());
        out.writeMedium(cumulative);
        out.writeInt((int) block.extendedHighestSequence());
        out.writeInt((int) block.jitter());
        out.writeInt((int) block.lastSenderReport());
        out.writeInt((int) block.delaySinceLastSenderReport());
    }

    private static List<RtcpReportBlock> readReportBlocks(ByteBuf in, int index, int count) {
        List<RtcpReportBlock> blocks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int at = index + REPORT_BLOCK_BYTES * i;
            blocks.add(new RtcpReportBlock(in.getInt(at), in.getUnsignedByte(at + 4), in.getMedium(at + 5),
                    in.getUnsignedInt(at + 8), in.getUnsignedInt(at + 12), in.getUnsignedInt(at + 16),
                    in.getUnsignedInt(at + 20)));
        }
        return blocks;
    }

    private static void requireLength(int packetBytes, int needed) {
        if (packetBytes < needed) {
            throw new IllegalArgumentException("RTCP packet too short for its report count");
        }
    }

    private static void checkBlockCount(List<RtcpReportBlock> blocks) {
        if (blocks.size() > MAX_REPORT_BLOCKS) {
            throw new IllegalArgumentException("at most 31 report blocks per packet");
        }
    }
}
