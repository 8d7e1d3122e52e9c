package org.govtel.conference.video;

import org.govtel.media.rtp.RtpBytes;

/**
 * The RTX payload format (RFC 4588 §4): a retransmission travels on its own SSRC, payload type and
 * sequence numbers, with the original sequence number (OSN) first in its payload. Header
 * extensions are not carried over: a forwarder writes its own header anyway.
 */
final class RtxFormat {

    private RtxFormat() {
    }

    /**
     * Writes the retransmission of {@code original} (a packet with a plain 12-byte header) to {@code out}.
     *
     * @return its length
     */
    static int wrap(byte[] original, int length, byte[] out, int rtxPayloadType, int rtxSequence, int rtxSsrc) {
        RtpBytes.writeHeader(out, 0, RtpBytes.marker(original, 0), rtxPayloadType, rtxSequence,
                RtpBytes.timestamp(original, 0), rtxSsrc);
        RtpBytes.writeShort(out, RtpBytes.HEADER_BYTES, RtpBytes.sequence(original, 0));
        System.arraycopy(original, RtpBytes.HEADER_BYTES, out, RtpBytes.HEADER_BYTES + 2, length - RtpBytes.HEADER_BYTES);
        return length + 2;
    }

    /**
     * Writes to {@code out} the packet that the retransmission in {@code p} repairs, with the
     * original stream's {@code payloadType} and {@code ssrc}.
     *
     * @return its length, or -1 when {@code p} repairs nothing (padding only, as browsers send to
     *         probe bandwidth, or malformed) or does not fit {@code out}
     */
    static int unwrap(byte[] p, int off, int len, byte[] out, int payloadType, int ssrc) {
        int payload = RtpBytes.payloadOffset(p, off, len);
        int end = payload < 0 ? -1 : RtpBytes.payloadEnd(p, off, len);
        int media = end - payload - 2;
        if (payload < 0 || media < 1 || RtpBytes.HEADER_BYTES + media > out.length) {
            return -1;
        }
        RtpBytes.writeHeader(out, 0, RtpBytes.marker(p, off), payloadType, RtpBytes.readShort(p, payload),
                RtpBytes.timestamp(p, off), ssrc);
        System.arraycopy(p, payload + 2, out, RtpBytes.HEADER_BYTES, media);
        return RtpBytes.HEADER_BYTES + media;
    }
}
