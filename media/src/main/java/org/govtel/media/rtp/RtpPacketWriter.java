package org.govtel.media.rtp;

import io.netty.buffer.ByteBuf;

/**
 * Writes RTP headers (RFC 3550 §5.1) into a Netty {@link ByteBuf}, optionally with one RFC 6464
 * audio level element in the one-byte header extension form of RFC 8285 §4.2.
 */
public final class RtpPacketWriter {

    private RtpPacketWriter() {
    }

    /** Writes a 12-byte header without CSRCs or extension. */
    public static void writeHeader(ByteBuf out, boolean marker, int payloadType, int sequenceNumber,
                                   long timestamp, int ssrc) {
        out.writeByte(RtpPacket.VERSION << 6);
        out.writeByte((marker ? 0x80 : 0) | (payloadType & 0x7F));
        out.writeShort(sequenceNumber);
        out.writeInt((int) timestamp);
        out.writeInt(ssrc);
    }

    /**
     * Writes a header followed by a one-byte header extension carrying the audio level
     * {@code level} (0..127 −dBov) and voice activity flag under extension ID {@code extensionId}.
     */
    public static void writeHeaderWithAudioLevel(ByteBuf out, boolean marker, int payloadType,
                                                 int sequenceNumber, long timestamp, int ssrc,
                                                 int extensionId, int level, boolean voiceActivity) {
        if (extensionId < 1 || extensionId > 14) {
            throw new IllegalArgumentException("one-byte extension IDs are 1..14");
        }
        out.writeByte((RtpPacket.VERSION << 6) | 0x10);
        out.writeByte((marker ? 0x80 : 0) | (payloadType & 0x7F));
        out.writeShort(sequenceNumber);
        out.writeInt((int) timestamp);
        out.writeInt(ssrc);
        out.writeShort(RtpPacket.ONE_BYTE_EXTENSION_PROFILE);
        out.writeShort(1); // one 32-bit word: element header, level byte, two padding bytes
        out.writeByte(extensionId << 4); // L = 0: one data byte
        out.writeByte((voiceActivity ? 0x80 : 0) | (Math.max(0, Math.min(127, level))));
        out.writeShort(0);
    }
}
