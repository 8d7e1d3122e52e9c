package org.govtel.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Offer/answer with SDP as real phones send it (test resources under sdp/). */
class SdpNegotiatorTest {

    private static final InetSocketAddress LOCAL = new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000);
    private final SdpNegotiator negotiator = SdpNegotiator.defaults();

    static String resource(String name) throws IOException {
        try (InputStream in = SdpNegotiatorTest.class.getResourceAsStream("/sdp/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    private Negotiation.Accepted accept(String file) throws IOException {
        Negotiation n = negotiator.negotiate(SessionDescription.parse(resource(file)));
        assertThat(n).isInstanceOf(Negotiation.Accepted.class);
        return (Negotiation.Accepted) n;
    }

    @Test
    void yealinkOfferGetsItsFirstChoicePcmuWithTelephoneEvent() throws IOException {
        Negotiation.Accepted a = accept("yealink.sdp");
        NegotiatedMedia m = a.media();
        assertThat(m.format()).isEqualTo(AudioFormat.PCMU);
        assertThat(m.payloadType()).isZero();
        assertThat(m.telephoneEventPayloadType()).isEqualTo(101);
        assertThat(m.remoteRtp()).isEqualTo(new InetSocketAddress("192.168.1.50", 11780));
        assertThat(m.remoteRtcp()).isEqualTo(new InetSocketAddress("192.168.1.50", 11781));
        assertThat(m.direction()).isEqualTo(MediaDirection.SENDRECV);
        assertThat(m.rtcpMux()).isFalse();

        String answer = a.answer(LOCAL).toString();
        assertThat(answer).contains("m=audio 40000 RTP/AVP 0 101\r\n", "a=rtpmap:0 PCMU/8000\r\n",
                "a=rtpmap:101 telephone-event/8000\r\n", "a=fmtp:101 0-16\r\n", "a=sendrecv\r\n",
                "c=IN IP4 127.0.0.1\r\n", "a=ptime:20\r\n");
        assertThat(answer).startsWith("v=0\r\no=govtel ").doesNotContain("rtcp-mux").doesNotContain("G729");
        // The answer is valid SDP that parses back to the same choice.
        SessionDescription reparsed = SessionDescription.parse(answer);
        assertThat(reparsed.media()).hasSize(1);
        assertThat(reparsed.media().get(0).payloadTypes()).containsExactly(0, 101);
    }

    @Test
    void grandstreamPrefersG722AndWeHonourIt() throws IOException {
        NegotiatedMedia m = accept("grandstream.sdp").media();
        assertThat(m.format()).isEqualTo(AudioFormat.G722);
        assertThat(m.payloadType()).isEqualTo(9);
        assertThat(m.telephoneEventPayloadType()).isEqualTo(101);
        assertThat(m.remotePtime()).isEqualTo(20);
    }

    @Test
    void polycomSkipsUnsupportedG7221AndKeepsItsEventPayloadType() throws IOException {
        SessionDescription offer = SessionDescription.parse(resource("polycom.sdp"));
        MediaDescription audio = offer.media().get(0);
        assertThat(audio.cryptos()).singleElement().satisfies(c -> {
            assertThat(c.tag()).isEqualTo(1);
            assertThat(c.suite()).isEqualTo("AES_CM_128_HMAC_SHA1_80");
        });
        assertThat(audio.attribute("x-polycom-unknown")).isEqualTo("whatever");
        assertThat(offer.bandwidths()).containsExactly("AS:512");
        Negotiation.Accepted a = accept("polycom.sdp");
        assertThat(a.media().format()).isEqualTo(AudioFormat.G722);
        assertThat(a.media().telephoneEventPayloadType()).isEqualTo(127);
        String answer = a.answer(LOCAL).toString();
        assertThat(answer).contains("m=audio 40000 RTP/AVP 9 127\r\n").doesNotContain("crypto");
    }

    @Test
    void opusSoftphoneGetsOpusWithTelephoneEventAt48kRtcpMuxAndAudioLevel() throws IOException {
        Negotiation.Accepted a = accept("linphone-opus.sdp");
        NegotiatedMedia m = a.media();
        assertThat(m.format()).isEqualTo(AudioFormat.OPUS);
        assertThat(m.payloadType()).isEqualTo(96);
        assertThat(m.telephoneEventPayloadType()).as("the 48000 one, matching opus").isEqualTo(101);
        assertThat(m.rtcpMux()).isTrue();
        assertThat(m.remoteRtcp()).isEqualTo(m.remoteRtp());
        assertThat(m.audioLevelExtensionId()).isEqualTo(1);
        assertThat(m.payloadClockRates()).containsEntry(96, 48000).containsEntry(101, 48000).hasSize(2);
        String answer = a.answer(LOCAL).toString();
        assertThat(answer).contains("m=audio 40000 RTP/AVP 96 101\r\n", "a=rtpmap:96 opus/48000/2\r\n",
                "a=rtpmap:101 telephone-event/48000\r\n", "a=rtcp-mux\r\n",
                "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level\r\n");
    }

    @Test
    void opusWithOnlyTelephoneEventAt8000AnswersNoEvents() throws IOException {
        // baresip: LF line ends, opus first, telephone-event only at 8000: no clock rate match (RFC 4733 §2.1).
        NegotiatedMedia m = accept("baresip.sdp").media();
        assertThat(m.format()).isEqualTo(AudioFormat.OPUS);
        assertThat(m.telephoneEventPayloadType()).isEqualTo(-1);
        assertThat(m.hasTelephoneEvent()).isFalse();
    }

    @Test
    void oldPhoneWithOnlyStaticPcmaAndNoRtpmap() throws IOException {
        Negotiation.Accepted a = accept("old-pcma.sdp");
        assertThat(a.media().format()).isEqualTo(AudioFormat.PCMA);
        assertThat(a.media().payloadType()).isEqualTo(8);
        assertThat(a.media().hasTelephoneEvent()).isFalse();
        assertThat(a.answer(LOCAL).toString()).contains("m=audio 40000 RTP/AVP 8\r\n");
    }

    @Test
    void g729OnlyIsNoCommonCodec() throws IOException {
        Negotiation n = negotiator.negotiate(SessionDescription.parse(resource("g729-only.sdp")));
        assertThat(n).isInstanceOf(Negotiation.NoCommonMedia.class);
        assertThat(((Negotiation.NoCommonMedia) n).reason()).contains("no common codec").contains("G729/8000");
    }

    @Test
    void restrictedSupportedListIsHonoured() throws IOException {
        SdpNegotiator pcmaOnly = new SdpNegotiator(List.of(AudioFormat.PCMA), false);
        Negotiation n = pcmaOnly.negotiate(SessionDescription.parse(resource("yealink.sdp")));
        assertThat(((Negotiation.Accepted) n).media().format()).isEqualTo(AudioFormat.PCMA);
        Negotiation opusOffer = pcmaOnly.negotiate(SessionDescription.parse(resource("linphone-opus.sdp")));
        assertThat(((Negotiation.Accepted) opusOffer).media().rtcpMux()).as("mux refused by config").isFalse();
    }

    private static String offerWith(String connection, String directionLine) {
        return "v=0\r\no=- 1 2 IN IP4 10.1.1.1\r\ns=-\r\nc=IN IP4 " + connection + "\r\nt=0 0\r\n"
                + "m=audio 6000 RTP/AVP 0 101\r\na=rtpmap:101 telephone-event/8000\r\n"
                + (directionLine == null ? "" : "a=" + directionLine + "\r\n");
    }

    @Test
    void directionIsMirrored() {
        assertThat(direction(offerWith("10.1.1.1", "sendonly"))).isEqualTo(MediaDirection.RECVONLY);
        assertThat(direction(offerWith("10.1.1.1", "recvonly"))).isEqualTo(MediaDirection.SENDONLY);
        assertThat(direction(offerWith("10.1.1.1", "inactive"))).isEqualTo(MediaDirection.INACTIVE);
        assertThat(direction(offerWith("10.1.1.1", null))).isEqualTo(MediaDirection.SENDRECV);
        Negotiation.Accepted a = (Negotiation.Accepted) negotiator.negotiate(
                SessionDescription.parse(offerWith("10.1.1.1", "sendonly")));
        assertThat(a.answer(LOCAL).toString()).contains("a=recvonly\r\n").doesNotContain("a=sendrecv");
        assertThat(a.media().canSend()).isFalse();
        assertThat(a.media().canReceive()).isTrue();
    }

    @Test
    void holdWithZeroAddressMeansDoNotSendToIt() {
        Negotiation.Accepted a = (Negotiation.Accepted) negotiator.negotiate(
                SessionDescription.parse(offerWith("0.0.0.0", null)));
        assertThat(a.media().remoteRtp()).isNull();
        assertThat(a.media().direction()).isEqualTo(MediaDirection.RECVONLY);
        assertThat(a.media().canSend()).isFalse();
        Negotiation.Accepted inactive = (Negotiation.Accepted) negotiator.negotiate(
                SessionDescription.parse(offerWith("0.0.0.0", "recvonly")));
        assertThat(inactive.media().direction()).isEqualTo(MediaDirection.INACTIVE);
    }

    @Test
    void sessionLevelDirectionAppliesToMedia() {
        String offer = "v=0\no=- 1 1 IN IP4 10.1.1.1\ns=-\nc=IN IP4 10.1.1.1\nt=0 0\na=sendonly\nm=audio 6000 RTP/AVP 8\n";
        assertThat(direction(offer)).isEqualTo(MediaDirection.RECVONLY);
    }

    private MediaDirection direction(String offer) {
        return ((Negotiation.Accepted) negotiator.negotiate(SessionDescription.parse(offer))).media().direction();
    }

    @Test
    void videoAndSecondAudioAreRejectedWithPortZero() {
        String offer = "v=0\r\no=- 1 1 IN IP4 10.1.1.1\r\ns=-\r\nc=IN IP4 10.1.1.1\r\nt=0 0\r\n"
                + "m=video 6002 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n"
                + "m=audio 6000 RTP/AVP 8 0\r\n"
                + "m=audio 6004 RTP/AVP 0\r\n";
        Negotiation.Accepted a = (Negotiation.Accepted) negotiator.negotiate(SessionDescription.parse(offer));
        assertThat(a.mediaIndex()).isEqualTo(1);
        SessionDescription answer = a.answer(LOCAL);
        assertThat(answer.media()).hasSize(3);
        assertThat(answer.media().get(0).port()).isZero();
        assertThat(answer.media().get(0).media()).isEqualTo("video");
        assertThat(answer.media().get(1).port()).isEqualTo(40000);
        assertThat(answer.media().get(1).payloadTypes()).containsExactly(8);
        assertThat(answer.media().get(2).port()).isZero();
    }

    @Test
    void secureOnlyOfferIsNotAcceptable() {
        String offer = "v=0\r\no=- 1 1 IN IP4 10.1.1.1\r\ns=-\r\nc=IN IP4 10.1.1.1\r\nt=0 0\r\n"
                + "m=audio 6000 RTP/SAVP 0\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:abcd\r\n";
        Negotiation n = negotiator.negotiate(SessionDescription.parse(offer));
        assertThat(n).isInstanceOf(Negotiation.NoCommonMedia.class);
        assertThat(((Negotiation.NoCommonMedia) n).reason()).contains("RTP/SAVP");
    }

    @Test
    void offerListsOurFormatsInOurOrderAndAnAnswerIsRead() {
        SessionDescription offer = negotiator.createOffer(LOCAL);
        String text = offer.toString();
        assertThat(text).contains("m=audio 40000 RTP/AVP 111 9 8 0 110 101\r\n", "a=rtpmap:111 opus/48000/2\r\n",
                "a=rtpmap:110 telephone-event/48000\r\n", "a=rtpmap:101 telephone-event/8000\r\n", "a=rtcp-mux\r\n");

        // A desk phone answers with PCMA only, its own RTP address, and telephone-event.
        String answer = "v=0\r\no=- 5 5 IN IP4 10.2.2.2\r\ns=-\r\nc=IN IP4 10.2.2.2\r\nt=0 0\r\n"
                + "m=audio 7000 RTP/AVP 8 101\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\n"
                + "a=sendrecv\r\n";
        Negotiation n = negotiator.acceptAnswer(SessionDescription.parse(text), SessionDescription.parse(answer));
        NegotiatedMedia m = ((Negotiation.Accepted) n).media();
        assertThat(m.format()).isEqualTo(AudioFormat.PCMA);
        assertThat(m.telephoneEventPayloadType()).isEqualTo(101);
        assertThat(m.remoteRtp()).isEqualTo(new InetSocketAddress("10.2.2.2", 7000));
        assertThat(m.rtcpMux()).isFalse();

        String rejecting = "v=0\r\no=- 5 5 IN IP4 10.2.2.2\r\ns=-\r\nc=IN IP4 10.2.2.2\r\nt=0 0\r\n"
                + "m=audio 0 RTP/AVP 111\r\n";
        assertThat(negotiator.acceptAnswer(offer, SessionDescription.parse(rejecting)))
                .isInstanceOf(Negotiation.NoCommonMedia.class);
    }

    @Test
    void originVersionIncrements() {
        Origin o = negotiator.newOrigin(LOCAL.getAddress());
        assertThat(SdpNegotiator.nextVersion(o).sessionVersion()).isEqualTo("2");
        assertThat(SdpNegotiator.nextVersion(o).sessionId()).isEqualTo(o.sessionId());
    }

    @Test
    void rtcpMuxIsNotAnsweredWhenAPayloadTypeCollidesWithRtcp() {
        String offer = "v=0\r\no=- 1 1 IN IP4 10.1.1.1\r\ns=-\r\nc=IN IP4 10.1.1.1\r\nt=0 0\r\n"
                + "m=audio 6000 RTP/AVP 72 0\r\na=rtpmap:72 opus/48000/2\r\na=rtcp-mux\r\n";
        Negotiation.Accepted a = (Negotiation.Accepted) negotiator.negotiate(SessionDescription.parse(offer));
        assertThat(a.media().format()).isEqualTo(AudioFormat.OPUS);
        assertThat(a.media().rtcpMux()).as("RFC 5761 §4").isFalse();
        assertThat(a.answer(LOCAL).toString()).doesNotContain("rtcp-mux");
    }
}
