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
        // RTP/AVP with a=crypto ("best effort SRTP"): answered with SRTP in the offer's profile.
        assertThat(answer).contains("m=audio 40000 RTP/AVP 9 127\r\n", "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:")
                .doesNotContain("MTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkw");
        assertThat(a.media().isSecure()).isTrue();
        assertThat(a.media().srtp().remoteKeySalt())
                .isEqualTo("123456789012345678901234567890".getBytes(StandardCharsets.US_ASCII));
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
    void secureOfferWithAShortInlineKeyIsNotAcceptable() {
        String offer = "v=0\r\no=- 1 1 IN IP4 10.1.1.1\r\ns=-\r\nc=IN IP4 10.1.1.1\r\nt=0 0\r\n"
                + "m=audio 6000 RTP/SAVP 0\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:abcd\r\n";
        Negotiation n = negotiator.negotiate(SessionDescription.parse(offer));
        assertThat(n).isInstanceOf(Negotiation.NoCommonMedia.class);
        assertThat(((Negotiation.NoCommonMedia) n).reason()).contains("RTP/SAVP")
                .contains("a=crypto:1 inline key||salt is 3 octets");
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

    // ------------------------------------------------------------------ SRTP with SDES (RFC 4568)

    private static final byte[] YEALINK_KEY_1 = range(0);
    private static final byte[] YEALINK_KEY_2 = range(100);

    private static byte[] range(int from) {
        byte[] b = new byte[30];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (from + i);
        }
        return b;
    }

    private static String b64(byte[] b) {
        return java.util.Base64.getEncoder().encodeToString(b);
    }

    private static String savp(String proto, String... cryptoLines) {
        StringBuilder b = new StringBuilder("v=0\r\no=- 1 1 IN IP4 10.1.1.1\r\ns=-\r\nc=IN IP4 10.1.1.1\r\nt=0 0\r\n")
                .append("m=audio 6000 ").append(proto).append(" 8 101\r\na=rtpmap:101 telephone-event/8000\r\n");
        for (String c : cryptoLines) {
            b.append("a=crypto:").append(c).append("\r\n");
        }
        return b.toString();
    }

    private Negotiation negotiate(String sdp) {
        return negotiator.negotiate(SessionDescription.parse(sdp));
    }

    private static String reason(Negotiation n) {
        assertThat(n).isInstanceOf(Negotiation.NoCommonMedia.class);
        return ((Negotiation.NoCommonMedia) n).reason();
    }

    @Test
    void yealinkSavpOfferGetsTheFirstSuiteWithTheOfferersTagAndOurOwnKey() throws IOException {
        Negotiation.Accepted a = accept("yealink-srtp.sdp");
        NegotiatedMedia m = a.media();
        assertThat(m.format()).isEqualTo(AudioFormat.PCMU);
        assertThat(m.isSecure()).isTrue();
        org.govtel.media.srtp.SrtpParameters srtp = m.srtp();
        assertThat(srtp.tag()).isEqualTo(1);
        assertThat(srtp.suite()).isEqualTo(org.govtel.media.srtp.SrtpSuite.AES_CM_128_HMAC_SHA1_80);
        assertThat(srtp.remoteKeySalt()).as("decrypts what the phone sends").isEqualTo(YEALINK_KEY_1);
        assertThat(srtp.localKeySalt()).hasSize(30).isNotEqualTo(YEALINK_KEY_1).isNotEqualTo(YEALINK_KEY_2);

        String answer = a.answer(LOCAL).toString();
        assertThat(answer).contains("m=audio 40000 RTP/SAVP 0 101\r\n",
                "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + b64(srtp.localKeySalt()) + "\r\n");
        assertThat(answer.split("a=crypto:", -1)).as("exactly one crypto line (RFC 4568 §7.1.2)").hasSize(2);
        assertThat(answer).doesNotContain(b64(YEALINK_KEY_1)).doesNotContain(b64(YEALINK_KEY_2))
                .doesNotContain("|").doesNotContain("HMAC_SHA1_32");
        // The answer parses back, and its key is ours.
        MediaDescription reparsed = SessionDescription.parse(answer).media().get(0);
        assertThat(reparsed.proto()).isEqualTo("RTP/SAVP");
        assertThat(SdesCrypto.check(reparsed.cryptos().get(0)).keySalt()).isEqualTo(srtp.localKeySalt());

        // Every new session gets a fresh key.
        byte[] other = accept("yealink-srtp.sdp").media().srtp().localKeySalt();
        assertThat(other).isNotEqualTo(srtp.localKeySalt());
        // Nothing prints the keys.
        assertThat(m.toString()).doesNotContain(b64(srtp.localKeySalt())).contains("AES_CM_128_HMAC_SHA1_80");
        assertThat(reparsed.cryptos().get(0).toString()).doesNotContain(b64(srtp.localKeySalt()));
    }

    @Test
    void theFirstSupportedSuiteInTheOfferersOrderIsChosen() {
        Negotiation n = negotiate(savp("RTP/SAVP",
                "1 AEAD_AES_128_GCM inline:" + b64(new byte[28]),
                "2 AES_CM_128_HMAC_SHA1_32 inline:" + b64(YEALINK_KEY_2) + "|2^31",
                "3 AES_CM_128_HMAC_SHA1_80 inline:" + b64(YEALINK_KEY_1)));
        NegotiatedMedia m = ((Negotiation.Accepted) n).media();
        assertThat(m.srtp().tag()).isEqualTo(2);
        assertThat(m.srtp().suite()).isEqualTo(org.govtel.media.srtp.SrtpSuite.AES_CM_128_HMAC_SHA1_32);
        assertThat(m.srtp().remoteKeySalt()).isEqualTo(YEALINK_KEY_2);
        assertThat(((Negotiation.Accepted) n).answer(LOCAL).toString())
                .contains("m=audio 40000 RTP/SAVP 8 101\r\n", "a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:");
    }

    @Test
    void onlyUnsupportedSuitesIsNoCommonMediaWithTheReason() {
        String why = reason(negotiate(savp("RTP/SAVP",
                "1 AEAD_AES_256_GCM inline:" + b64(new byte[44]),
                "2 F8_128_HMAC_SHA1_80 inline:" + b64(YEALINK_KEY_1))));
        assertThat(why).contains("RTP/SAVP offered but no a=crypto line is usable",
                "a=crypto:1 crypto-suite AEAD_AES_256_GCM is not supported",
                "a=crypto:2 crypto-suite F8_128_HMAC_SHA1_80 is not supported",
                "supported: AES_CM_128_HMAC_SHA1_80, AES_CM_128_HMAC_SHA1_32");
    }

    @Test
    void malformedInlineKeysAreRefusedWithAClearReason() {
        assertThat(reason(negotiate(savp("RTP/SAVP", "1 AES_CM_128_HMAC_SHA1_80 inline:not*base64!"))))
                .contains("a=crypto:1 inline key is not valid base64");
        assertThat(reason(negotiate(savp("RTP/SAVP", "1 AES_CM_128_HMAC_SHA1_80 inline:" + b64(new byte[16])))))
                .contains("a=crypto:1 inline key||salt is 16 octets; AES_CM_128_HMAC_SHA1_80 needs 30");
        assertThat(reason(negotiate(savp("RTP/SAVP", "1 AES_CM_128_HMAC_SHA1_80 uri:sip:keys@example"))))
                .contains("key method must be inline:");
        // The tag is checked by the parser: a line that is not SDES syntax is an SDP error.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SessionDescription.parse(
                savp("RTP/SAVP", "x AES_CM_128_HMAC_SHA1_80 inline:" + b64(YEALINK_KEY_1))))
                .isInstanceOf(SdpParseException.class);
    }

    @Test
    void mkiAndShortLifetimesAreRefusedButALongLifetimeIsHonoured() {
        String key = b64(YEALINK_KEY_1);
        assertThat(reason(negotiate(savp("RTP/SAVP", "1 AES_CM_128_HMAC_SHA1_80 inline:" + key + "|2^20"))))
                .contains("key lifetime 2^20 is shorter than the 2^31 packets");
        assertThat(reason(negotiate(savp("RTP/SAVP", "1 AES_CM_128_HMAC_SHA1_80 inline:" + key + "|2^31|1:4"))))
                .contains("MKI is not supported");
        assertThat(reason(negotiate(savp("RTP/SAVP", "1 AES_CM_128_HMAC_SHA1_80 inline:" + key + "|1:4"))))
                .contains("MKI is not supported");
        assertThat(reason(negotiate(savp("RTP/SAVP",
                "1 AES_CM_128_HMAC_SHA1_80 inline:" + key + ";inline:" + key))))
                .contains("several master keys");
        assertThat(reason(negotiate(savp("RTP/SAVP", "1 AES_CM_128_HMAC_SHA1_80 inline:" + key + " UNENCRYPTED_SRTCP"))))
                .contains("session parameter UNENCRYPTED_SRTCP is not supported");
        assertThat(reason(negotiate(savp("RTP/SAVP", "1 AES_CM_128_HMAC_SHA1_80 inline:" + key + " KDR=10"))))
                .contains("KDR=10");
        // Accepted: lifetime 2^31 (as Polycom sends), a decimal one above it, KDR=0, WSH and '-' extensions.
        for (String line : List.of("|2^31", "|4294967296", "|2^48 KDR=0 WSH=128 -X-VENDOR=1")) {
            Negotiation n = negotiate(savp("RTP/SAVP", "1 AES_CM_128_HMAC_SHA1_80 inline:" + key + line));
            assertThat(n).as(line).isInstanceOf(Negotiation.Accepted.class);
        }
        // A refused line does not stop a later usable one.
        Negotiation n = negotiate(savp("RTP/SAVP", "1 AES_CM_128_HMAC_SHA1_80 inline:" + key + "|1:4",
                "2 AES_CM_128_HMAC_SHA1_80 inline:" + b64(YEALINK_KEY_2)));
        assertThat(((Negotiation.Accepted) n).media().srtp().tag()).isEqualTo(2);
    }

    @Test
    void bestEffortSrtpOnRtpAvpFallsBackToPlainWhenNoLineIsUsable() {
        Negotiation.Accepted a = (Negotiation.Accepted) negotiate(savp("RTP/AVP",
                "1 AEAD_AES_128_GCM inline:" + b64(new byte[28])));
        assertThat(a.media().isSecure()).isFalse();
        assertThat(a.answer(LOCAL).toString()).contains("m=audio 40000 RTP/AVP 8 101\r\n").doesNotContain("crypto");

        Negotiation.Accepted secure = (Negotiation.Accepted) negotiate(savp("RTP/AVP",
                "1 AES_CM_128_HMAC_SHA1_80 inline:" + b64(YEALINK_KEY_1)));
        assertThat(secure.media().isSecure()).isTrue();
        assertThat(secure.answer(LOCAL).toString()).contains("m=audio 40000 RTP/AVP 8 101\r\n", "a=crypto:1 ");
    }

    @Test
    void savpWithoutCryptoOrDtlsIsRefusedAndSdesCanBeSwitchedOff() {
        assertThat(reason(negotiate(savp("RTP/SAVP")))).contains("RTP/SAVP offered without a=crypto");
        assertThat(reason(negotiate(savp("UDP/TLS/RTP/SAVP")))).contains("transport UDP/TLS/RTP/SAVP is not supported");

        SdpNegotiator plainOnly = new SdpNegotiator(List.of(AudioFormat.PCMA, AudioFormat.PCMU), false, false);
        Negotiation n = plainOnly.negotiate(SessionDescription.parse(
                savp("RTP/SAVP", "1 AES_CM_128_HMAC_SHA1_80 inline:" + b64(YEALINK_KEY_1))));
        assertThat(reason(n)).contains("transport RTP/SAVP is not supported (plain RTP/AVP only)");
        Negotiation.Accepted polycom = (Negotiation.Accepted) plainOnly.negotiate(SessionDescription.parse(
                savp("RTP/AVP", "1 AES_CM_128_HMAC_SHA1_80 inline:" + b64(YEALINK_KEY_1))));
        assertThat(polycom.media().isSecure()).isFalse();
        assertThat(polycom.answer(LOCAL).toString()).doesNotContain("crypto");
    }

    @Test
    void reOfferKeepsOurKeyUnlessThePhoneChangesItsKeyOrAddress() {
        String first = savp("RTP/SAVP", "1 AES_CM_128_HMAC_SHA1_80 inline:" + b64(YEALINK_KEY_1));
        NegotiatedMedia current = ((Negotiation.Accepted) negotiate(first)).media();

        // Session refresh / hold with the same key: no re-key.
        NegotiatedMedia refreshed = ((Negotiation.Accepted) negotiator.negotiate(
                SessionDescription.parse(first.replace("t=0 0\r\n", "t=0 0\r\na=sendonly\r\n")), current)).media();
        assertThat(refreshed.srtp().localKeySalt()).isEqualTo(current.srtp().localKeySalt());
        assertThat(refreshed.srtp().sameKeys(current.srtp())).isTrue();

        // The phone re-keys (RFC 4568 §7.1.4): a new key from us too.
        String rekey = savp("RTP/SAVP", "7 AES_CM_128_HMAC_SHA1_80 inline:" + b64(YEALINK_KEY_2));
        NegotiatedMedia rekeyed = ((Negotiation.Accepted) negotiator.negotiate(SessionDescription.parse(rekey), current))
                .media();
        assertThat(rekeyed.srtp().tag()).isEqualTo(7);
        assertThat(rekeyed.srtp().remoteKeySalt()).isEqualTo(YEALINK_KEY_2);
        assertThat(rekeyed.srtp().localKeySalt()).isNotEqualTo(current.srtp().localKeySalt());

        // Old-style hold (c=0.0.0.0) with the same key: no re-key.
        NegotiatedMedia held = ((Negotiation.Accepted) negotiator.negotiate(
                SessionDescription.parse(first.replace("c=IN IP4 10.1.1.1", "c=IN IP4 0.0.0.0")), current)).media();
        assertThat(held.srtp().localKeySalt()).isEqualTo(current.srtp().localKeySalt());
        assertThat(((Negotiation.Accepted) negotiate(first)).toString()).doesNotContain(b64(YEALINK_KEY_1));

        // Same key, new address: a new key from us (§7.1.4).
        NegotiatedMedia moved = ((Negotiation.Accepted) negotiator.negotiate(
                SessionDescription.parse(first.replace("10.1.1.1", "10.1.1.2")), current)).media();
        assertThat(moved.srtp().localKeySalt()).isNotEqualTo(current.srtp().localKeySalt());
    }

    @Test
    void dialOutOffersSrtpAndReadsTheAnswersKey() {
        SessionDescription offer = negotiator.createOffer(LOCAL, SrtpOffer.REQUIRED);
        String text = offer.toString();
        assertThat(text).contains("m=audio 40000 RTP/SAVP 111 9 8 0 110 101\r\n",
                "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:", "a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:");
        List<CryptoAttribute> ours = SessionDescription.parse(text).media().get(0).cryptos();
        byte[] ourKey2 = SdesCrypto.check(ours.get(1)).keySalt();
        assertThat(ourKey2).hasSize(30).isNotEqualTo(SdesCrypto.check(ours.get(0)).keySalt());

        String answer = "v=0\r\no=- 5 5 IN IP4 10.2.2.2\r\ns=-\r\nc=IN IP4 10.2.2.2\r\nt=0 0\r\n"
                + "m=audio 7000 RTP/SAVP 8 101\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\n"
                + "a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:" + b64(YEALINK_KEY_2) + "\r\n";
        NegotiatedMedia m = ((Negotiation.Accepted) negotiator.acceptAnswer(offer, SessionDescription.parse(answer)))
                .media();
        assertThat(m.srtp().tag()).isEqualTo(2);
        assertThat(m.srtp().suite()).isEqualTo(org.govtel.media.srtp.SrtpSuite.AES_CM_128_HMAC_SHA1_32);
        assertThat(m.srtp().remoteKeySalt()).isEqualTo(YEALINK_KEY_2);
        assertThat(m.srtp().localKeySalt()).isEqualTo(ourKey2);

        String plainAnswer = answer.replace("RTP/SAVP", "RTP/AVP").replaceAll("a=crypto:[^\r]*\r\n", "");
        assertThat(reason(negotiator.acceptAnswer(offer, SessionDescription.parse(plainAnswer))))
                .contains("has no a=crypto");
        assertThat(reason(negotiator.acceptAnswer(offer, SessionDescription.parse(
                answer.replace("a=crypto:2 ", "a=crypto:9 "))))).contains("does not match a line we offered");
        assertThat(reason(negotiator.acceptAnswer(offer, SessionDescription.parse(
                answer.replace("a=crypto:2 AES_CM_128_HMAC_SHA1_32", "a=crypto:2 AES_CM_128_HMAC_SHA1_80")))))
                .contains("does not match a line we offered");

        // Best effort: RTP/AVP + crypto; a phone without SDES answers plain RTP and that is fine.
        SessionDescription bestEffort = negotiator.createOffer(LOCAL, SrtpOffer.BEST_EFFORT);
        assertThat(bestEffort.toString()).contains("m=audio 40000 RTP/AVP ", "a=crypto:1 ");
        NegotiatedMedia plain = ((Negotiation.Accepted) negotiator.acceptAnswer(bestEffort,
                SessionDescription.parse(plainAnswer))).media();
        assertThat(plain.isSecure()).isFalse();

        // A plain offer answered with crypto is refused.
        SessionDescription plainOffer = negotiator.createOffer(LOCAL);
        assertThat(plainOffer.toString()).doesNotContain("crypto");
        assertThat(reason(negotiator.acceptAnswer(plainOffer, SessionDescription.parse(answer))))
                .contains("we offered plain RTP");
    }
}
