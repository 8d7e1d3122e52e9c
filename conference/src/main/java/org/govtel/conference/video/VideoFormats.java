package org.govtel.conference.video;

import org.govtel.media.webrtc.WebRtcSdp;

/**
 * A receiver's video payload types on one m-line: per codec, and the RTX payload type for each
 * (RFC 4588), -1 for what it did not offer.
 */
record VideoFormats(int vp8, int h264, int vp8Rtx, int h264Rtx) {

    static VideoFormats of(WebRtcSdp.Section section) {
        if (section == null) {
            return new VideoFormats(-1, -1, -1, -1);
        }
        return new VideoFormats(section.vp8PayloadType(), section.h264PayloadType(),
                section.rtxFor(section.vp8PayloadType()), section.rtxFor(section.h264PayloadType()));
    }

    int payloadType(VideoCodec codec) {
        return codec == VideoCodec.H264 ? h264 : vp8;
    }

    /** The RTX payload type that retransmits {@code payloadType}, or -1. */
    int rtxFor(int payloadType) {
        if (payloadType < 0) {
            return -1;
        }
        return payloadType == vp8 ? vp8Rtx : payloadType == h264 ? h264Rtx : -1;
    }
}
