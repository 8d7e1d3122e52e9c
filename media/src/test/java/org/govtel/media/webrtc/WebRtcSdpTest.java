package org.govtel.media.webrtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.govtel.media.sdp.SdpParseException;
import org.junit.jupiter.api.Test;

/** Which codecs of a browser's offer we take: Opus, and VP8 and H.264 in the browser's order. */
class WebRtcSdpTest {

    private static String offer(String videoFormats, String... videoAttributes) {
        return String.join("\r\n", "v=0", "o=- 1 2 IN IP4 127.0.0.1", "s=-", "t=0 0", "a=group:BUNDLE 0",
                "m=video 9 UDP/TLS/RTP/SAVPF " + videoFormats, "c=IN IP4 0.0.0.0", "a=mid:0", "a=sendrecv",
                "a=rtcp-mux", "a=ice-ufrag:abcd", "a=ice-pwd:0123456789012345678901", "a=setup:actpass",
                "a=fingerprint:sha-256 00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF",
                String.join("\r\n", videoAttributes), "") + "\r\n";
    }

    private static final String VP8 = "a=rtpmap:96 VP8/90000";
    private static final String[] H264_MODES = {
        "a=rtpmap:102 H264/90000",
        "a=fmtp:102 level-asymmetry-allowed=1;packetization-mode=0;profile-level-id=42e01f",
        "a=rtpmap:104 H264/90000",
        "a=fmtp:104 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=4d001f",
        "a=rtpmap:106 H264/90000",
        "a=fmtp:106 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f",
        "a=rtpmap:108 H264/90000",
        "a=fmtp:108 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f",
    };

    @Test
    void chromesOfferGivesVp8FirstAndTheConstrainedBaselineH264InPacketizationMode1() {
        String[] attributes = new String[H264_MODES.length + 1];
        attributes[0] = VP8;
        System.arraycopy(H264_MODES, 0, attributes, 1, H264_MODES.length);
        WebRtcSdp.Section video = WebRtcSdp.parseOffer(offer("96 102 104 106 108", attributes)).first("video");

        assertThat(video.vp8PayloadType()).isEqualTo(96);
        assertThat(video.h264PayloadType()).isEqualTo(108);
        assertThat(video.payloadType()).isEqualTo(96);
        assertThat(video.videoPayloadTypes()).containsExactly(96, 108);
    }

    @Test
    void rtxIsKeptForTheCodecsWeTake() {
        WebRtcSdp.Section video = WebRtcSdp.parseOffer(offer("96 97 108 109 110", VP8, "a=rtpmap:97 rtx/90000",
                "a=fmtp:97 apt=96", H264_MODES[6], H264_MODES[7], "a=rtpmap:109 rtx/90000", "a=fmtp:109 apt=108",
                "a=rtpmap:110 rtx/90000", "a=fmtp:110 apt=35")).first("video");

        assertThat(video.rtxFor(96)).isEqualTo(97);
        assertThat(video.rtxFor(108)).isEqualTo(109);
        assertThat(video.rtxPayloadTypes()).as("RTX for a codec we do not take").hasSize(2);
    }

    @Test
    void aPagePreferringH264GetsItFirst() {
        WebRtcSdp.Section video = WebRtcSdp.parseOffer(offer("106 96", H264_MODES[4], H264_MODES[5], VP8))
                .first("video");

        assertThat(video.payloadType()).as("baseline, as no constrained baseline is offered").isEqualTo(106);
        assertThat(video.videoPayloadTypes()).containsExactly(106, 96);
    }

    @Test
    void h264WithoutPacketizationMode1AloneIsNothingWeCanTake() {
        assertThatThrownBy(() -> WebRtcSdp.parseOffer(offer("102", H264_MODES[0], H264_MODES[1])))
                .isInstanceOf(SdpParseException.class).hasMessageContaining("VP8/H.264");
    }
}
