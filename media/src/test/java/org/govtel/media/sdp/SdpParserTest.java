package org.govtel.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Tolerance for what phones send, clear exceptions for what is not SDP. */
class SdpParserTest {

    private static final String MINIMAL = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n"
            + "m=audio 4000 RTP/AVP 0 8\r\n";

    @Test
    void crlfAndLfAndBlankLinesAndTrailingSpacesAreAccepted() {
        SessionDescription crlf = SessionDescription.parse(MINIMAL);
        SessionDescription lf = SessionDescription.parse(MINIMAL.replace("\r\n", "\n") + "\n\n");
        SessionDescription spaces = SessionDescription.parse(MINIMAL.replace("\r\n", "  \r\n"));
        for (SessionDescription s : new SessionDescription[] {crlf, lf, spaces}) {
            assertThat(s.media()).hasSize(1);
            assertThat(s.media().get(0).payloadTypes()).containsExactly(0, 8);
            assertThat(s.connection().address()).isEqualTo("10.0.0.1");
        }
    }

    @Test
    void unknownLinesAndAttributesAreKeptOrIgnored() {
        SessionDescription s = SessionDescription.parse(MINIMAL + "a=x-vendor:42\r\na=nortpproxy:yes\r\nk=clear:x\r\n"
                + "i=media title\r\nq=future-line\r\n");
        assertThat(s.media().get(0).attribute("x-vendor")).isEqualTo("42");
        assertThat(s.media().get(0).hasAttribute("nortpproxy")).isTrue();
    }

    @Test
    void attributesAreInterpreted() {
        SessionDescription s = SessionDescription.parse(MINIMAL + "a=rtcp:4001 IN IP4 10.0.0.9\r\na=ptime:30\r\n"
                + "a=extmap:2/recvonly urn:ietf:params:rtp-hdrext:ssrc-audio-level vad=on\r\n"
                + "a=crypto:3 AES_CM_128_HMAC_SHA1_32 inline:KEY|2^20|1:4 UNENCRYPTED_SRTCP\r\n"
                + "a=fmtp:8 something\r\na=inactive\r\n");
        MediaDescription m = s.media().get(0);
        assertThat(m.rtcpPort()).isEqualTo(4001);
        assertThat(m.rtcpConnection().address()).isEqualTo("10.0.0.9");
        assertThat(m.ptime()).isEqualTo(30);
        assertThat(m.audioLevelExtensionId()).isEqualTo(2);
        assertThat(m.extMaps().get(0).direction()).isEqualTo(MediaDirection.RECVONLY);
        assertThat(m.extMaps().get(0).attributes()).isEqualTo("vad=on");
        assertThat(m.cryptos().get(0).sessionParams()).isEqualTo("UNENCRYPTED_SRTCP");
        assertThat(m.fmtp(8)).isEqualTo("something");
        assertThat(m.fmtp(0)).isNull();
        assertThat(m.direction()).isEqualTo(MediaDirection.INACTIVE);
        assertThat(m.rtpMap(0)).isEqualTo(new RtpMap(0, "PCMU", 8000, 1));
    }

    @Test
    void garbageIsRejectedWithTheLineAtFault() {
        assertThatThrownBy(() -> SessionDescription.parse("")).isInstanceOf(SdpParseException.class);
        assertThatThrownBy(() -> SessionDescription.parse("hello world\r\n"))
                .isInstanceOf(SdpParseException.class).hasMessageContaining("line 1");
        assertThatThrownBy(() -> SessionDescription.parse("o=- 1 1 IN IP4 1.2.3.4\r\nv=0\r\n"))
                .hasMessageContaining("v=0");
        assertThatThrownBy(() -> SessionDescription.parse("v=1\r\n")).hasMessageContaining("version");
        assertThatThrownBy(() -> SessionDescription.parse("v=0\r\ns=-\r\n")).hasMessageContaining("o=");
        assertThatThrownBy(() -> SessionDescription.parse(MINIMAL.replace("4000", "port")))
                .isInstanceOf(SdpParseException.class).hasMessageContaining("line 6");
        assertThatThrownBy(() -> SessionDescription.parse(MINIMAL.replace("4000", "70000")))
                .hasMessageContaining("out of range");
        assertThatThrownBy(() -> SessionDescription.parse(MINIMAL.replace("0 8", "0 200")))
                .hasMessageContaining("0..127");
        assertThatThrownBy(() -> SessionDescription.parse(MINIMAL + "a=rtpmap:0 PCMU\r\n"))
                .hasMessageContaining("line 7").hasMessageContaining("rtpmap");
        assertThatThrownBy(() -> SessionDescription.parse(MINIMAL + "a=rtpmap:x PCMU/8000\r\n"))
                .isInstanceOf(SdpParseException.class);
        assertThatThrownBy(() -> SessionDescription.parse(MINIMAL.replace("c=IN IP4 10.0.0.1\r\n", "")))
                .hasMessageContaining("c=");
        assertThatThrownBy(() -> SessionDescription.parse(MINIMAL.replace("IN IP4 10.0.0.1\r\nt", "XX IP4 1\r\nt")))
                .hasMessageContaining("network type");
        assertThatThrownBy(() -> SessionDescription.parse("v=0\r\n" + "\u0000\u0001binary\r\n"))
                .isInstanceOf(SdpParseException.class);
        assertThatThrownBy(() -> SessionDescription.parse(MINIMAL + "a=" + "x".repeat(70_000)))
                .hasMessageContaining("longer");
    }

    @Test
    void writtenSdpRoundTrips() {
        SessionDescription s = SessionDescription.parse(MINIMAL + "a=rtpmap:0 PCMU/8000\r\na=sendonly\r\n");
        String written = s.toString();
        assertThat(written).endsWith("\r\n").contains("m=audio 4000 RTP/AVP 0 8\r\n", "a=sendonly\r\n");
        assertThat(SessionDescription.parse(written).toString()).isEqualTo(written);
    }
}
