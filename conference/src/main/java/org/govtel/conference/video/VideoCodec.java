package org.govtel.conference.video;

/**
 * The video codecs the forwarder splices: what marks the first packet of a key frame, where a
 * receiver's decoder can start (the switch point of {@link OutgoingVideo}).
 */
enum VideoCodec {

    VP8 {
        @Override
        boolean isKeyFrameStart(byte[] p, int payload, int end) {
            return Vp8Descriptor.isKeyFrameStart(p, payload, end);
        }
    },

    /**
     * H.264 in packetization mode 1 (RFC 6184): a key frame starts with its sequence parameter
     * set, alone (NAL type 7) or first in a STAP-A (type 24) with the picture parameter set and
     * often the IDR slice; browsers send the parameter sets before every IDR picture, and a decoder
     * that joins without them cannot start.
     */
    H264 {
        @Override
        boolean isKeyFrameStart(byte[] p, int payload, int end) {
            if (payload >= end) {
                return false;
            }
            int type = p[payload] & 0x1F;
            if (type == NAL_SPS) {
                return true;
            }
            if (type != NAL_STAP_A) {
                return false;
            }
            for (int at = payload + 1; at + 2 < end; ) {
                int size = ((p[at] & 0xFF) << 8) | (p[at + 1] & 0xFF);
                if (size == 0 || at + 2 + size > end) {
                    return false;
                }
                if ((p[at + 2] & 0x1F) == NAL_SPS) {
                    return true;
                }
                at += 2 + size;
            }
            return false;
        }
    };

    private static final int NAL_SPS = 7;
    private static final int NAL_STAP_A = 24;

    /** Whether the RTP payload {@code p[payload, end)} begins a key frame. */
    abstract boolean isKeyFrameStart(byte[] p, int payload, int end);
}
