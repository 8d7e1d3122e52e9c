package org.govtel.media.leg;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.govtel.media.codec.G711Codec;
import org.govtel.media.codec.G722Codec;
import org.govtel.media.mixer.AudioMixer;
import org.govtel.media.sdp.AudioFormat;
import org.govtel.media.sdp.Negotiation;
import org.govtel.media.sdp.SdpNegotiator;
import org.govtel.media.sdp.SessionDescription;
import org.govtel.media.testutil.LoopbackRoom;
import org.govtel.media.testutil.SrtpEndpoint;
import org.govtel.media.testutil.TestPhone;
import org.govtel.media.transport.PortAllocator;
import org.govtel.media.transport.RtpSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A plain-RTP phone and an SRTP phone (SDES, RFC 4568) in one room on 127.0.0.1, set up as the SIP
 * layer does it. The SRTP phone protects and checks its packets with jitsi-srtp directly, keyed
 * from the SDP: it sends with the key of its offer and decrypts with the key of our answer, read
 * from the answer text. Tones are decoded on both sides of the mixer; then a forged and a replayed
 * packet, SRTCP both ways, a session refresh (same keys) and a re-key.
 */
class SrtpConferenceLoopbackTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final long MS = 1_000_000L;
    private static final Pattern ANSWER_CRYPTO =
            Pattern.compile("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:([A-Za-z0-9+/=]+)\r\n");

    private final LoopbackRoom room = new LoopbackRoom(42500, 42599);
    private final EventLoopGroup group = room.group;
    private final ScheduledExecutorService scheduler = room.scheduler;
    private final PortAllocator ports = room.ports;
    private final AudioMixer mixer = room.mixer;
    private final List<AutoCloseable> toClose = room.toClose;
    private final StringBuilder digitsAtLegB = new StringBuilder();

    @AfterEach
    void tearDown() throws Exception {
        room.close();
    }

    private static byte[] key(int seed) {
        byte[] k = new byte[30];
        for (int i = 0; i < k.length; i++) {
            k[i] = (byte) (seed + 13 * i);
        }
        return k;
    }

    /** A Yealink-style SRTP offer: RTP/SAVP, two crypto lines, G.722 first, rtcp-mux. */
    private static String savpOffer(TestPhone phone, byte[] key80, byte[] key32, int version) {
        Base64.Encoder b64 = Base64.getEncoder();
        return "v=0\r\no=- 7 " + version + " IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + phone.port() + " RTP/SAVP 9 0 101\r\n"
                + "a=rtpmap:9 G722/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\n"
                + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + b64.encodeToString(key80) + "|2^31\r\n"
                + "a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:" + b64.encodeToString(key32) + "|2^31\r\n"
                + "a=rtcp-mux\r\na=ptime:20\r\na=sendrecv\r\n";
    }

    private static String plainOffer(TestPhone phone) {
        return "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + phone.port() + " RTP/AVP 0 101\r\na=rtpmap:101 telephone-event/8000\r\n";
    }

    /** The key of our answer, read from its text (not through the media module's parser). */
    private static byte[] answerKey(String answer) {
        Matcher m = ANSWER_CRYPTO.matcher(answer);
        assertThat(m.find()).as("answer has a=crypto:1 with the offered suite: " + answer.replaceAll(
                "inline:[^\r]*", "inline:…")).isTrue();
        return Base64.getDecoder().decode(m.group(1));
    }

    private static void await(BooleanSupplier condition, long maxMillis) throws InterruptedException {
        long deadline = System.nanoTime() + maxMillis * MS;
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** Both hear each other across the mixer: A (plain) hears B's 500 Hz, B (SRTP) hears A's 1 kHz. */
    private void assertTheyHearEachOther(TestPhone a, TestPhone b, String when) throws InterruptedException {
        // A second's window, and a threshold of an eighth of the full tone (about 8000): concealed
        // frames on a loaded 2-core machine lower the level, a failed decryption leaves nothing.
        long from = System.nanoTime();
        Thread.sleep(1000);
        long to = System.nanoTime();
        double a500 = a.amplitudeBetween(500, from, to);
        double a1k = a.amplitudeBetween(1000, from, to);
        double b1k = b.amplitudeBetween(1000, from, to);
        double b500 = b.amplitudeBetween(500, from, to);
        String levels = String.format("%s: A hears 500=%.0f 1k=%.0f; B hears 1k=%.0f 500=%.0f", when, a500, a1k, b1k,
                b500);
        assertThat(a500).as("plain A hears SRTP B: " + levels).isGreaterThan(1000);
        assertThat(b1k).as("SRTP B hears plain A: " + levels).isGreaterThan(1000);
        assertThat(a1k).as("A does not hear itself: " + levels).isLessThan(a500 * 0.05);
        assertThat(b500).as("B does not hear itself: " + levels).isLessThan(b1k * 0.05);
    }

    @Test
    void srtpPhoneAndPlainPhoneHearEachOtherAcrossTheMixer() throws Exception {
        LegResources resources = LegResources.of(group, ports, LOOPBACK).withRtcpMinimumInterval(Duration.ofSeconds(1));
        SdpNegotiator negotiator = SdpNegotiator.defaults();
        TestPhone a = new TestPhone("A", G711Codec.pcmu(), 0, 101, 1000, 8000);
        TestPhone b = new TestPhone("B", new G722Codec(), 9, 101, 500, 8000);
        toClose.add(a);
        toClose.add(b);

        // A: plain RTP, exactly as before.
        Negotiation.Accepted acceptedA = (Negotiation.Accepted) negotiator.negotiate(
                SessionDescription.parse(plainOffer(a)));
        AudioLeg legA = AudioLeg.open("A", resources, d -> { });
        toClose.add(legA);
        String answerA = acceptedA.answer(legA.localRtpAddress()).toString();
        assertThat(answerA).contains("RTP/AVP").doesNotContain("crypto");
        legA.apply(acceptedA.media());
        legA.start(mixer);

        // B: RTP/SAVP with SDES.
        byte[] phoneKey = key(1);
        String offerB = savpOffer(b, phoneKey, key(2), 1);
        Negotiation.Accepted acceptedB = (Negotiation.Accepted) negotiator.negotiate(SessionDescription.parse(offerB));
        AudioLeg legB = AudioLeg.open("B", resources, digit -> {
            synchronized (digitsAtLegB) {
                digitsAtLegB.append(digit);
            }
        });
        toClose.add(legB);
        SessionDescription answerSdpB = acceptedB.answer(legB.localRtpAddress());
        String answerB = answerSdpB.toString();
        assertThat(answerB).contains("m=audio " + legB.localRtpAddress().getPort() + " RTP/SAVP 9 101\r\n",
                "a=rtcp-mux");
        byte[] legKey = answerKey(answerB);
        assertThat(legKey).hasSize(30).isNotEqualTo(phoneKey);
        legB.apply(acceptedB.media());
        legB.start(mixer);
        assertThat(legB.media().format()).isEqualTo(AudioFormat.G722);
        RtpSession sessionB = legB.rtpSession();
        assertThat(sessionB.isSecure()).isTrue();
        assertThat(legA.rtpSession().isSecure()).isFalse();

        b.useSrtp(new SrtpEndpoint(false, phoneKey, legKey));
        a.startSending(legA.localRtpAddress(), scheduler);
        b.startSending(legB.localRtpAddress(), scheduler);

        // 1. Audio both ways across the mixer; nothing failed to authenticate on either side.
        await(() -> a.framesHeard() > 40 && b.framesHeard() > 40, 3000);
        assertTheyHearEachOther(a, b, "SRTP");
        assertThat(b.srtpFailures()).as("B authenticates everything the leg sends").isZero();
        assertThat(sessionB.srtpAuthenticationFailures()).isZero();
        assertThat(sessionB.srtpReplaysDropped()).isZero();

        // 2. Digits over SRTP.
        b.sendDigits("42#");
        await(() -> digitsOf().length() >= 3, 3000);
        assertThat(digitsOf()).isEqualTo("42#");

        // 3. A packet with a corrupted tag and a replayed packet are dropped and counted.
        b.corruptNextPacket();
        await(() -> sessionB.srtpAuthenticationFailures() >= 1, 1000);
        assertThat(sessionB.srtpAuthenticationFailures()).isEqualTo(1);
        Thread.sleep(60); // a good packet has been sent after the corrupted one
        byte[] old = b.lastSentPacket();
        Thread.sleep(60); // and has arrived: sending it again is a replay
        b.sendRaw(old);
        await(() -> sessionB.srtpReplaysDropped() >= 1, 1000);
        assertThat(sessionB.srtpReplaysDropped()).isEqualTo(1);

        // 4. RTCP is SRTCP both ways (rtcp-mux): B decrypts the leg's reports, whose CNAME is not
        //    readable on the wire; the leg accepts B's SRTCP.
        await(() -> b.srtcpPacketsDecrypted() > 0, 2500);
        assertThat(b.srtcpPacketsDecrypted()).isPositive();
        byte[] cname = "govtel-B@127.0.0.1".getBytes(StandardCharsets.US_ASCII);
        assertThat(contains(b.lastRtcpPlain(), cname)).as("SDES CNAME after decryption").isTrue();
        assertThat(contains(b.lastRtcpOnTheWire(), cname)).as("CNAME encrypted on the wire").isFalse();
        long rtcpBefore = sessionB.rtcpPacketsReceived();
        b.sendReceiverReport();
        await(() -> sessionB.rtcpPacketsReceived() > rtcpBefore, 1000);
        assertThat(sessionB.rtcpPacketsReceived()).isGreaterThan(rtcpBefore);

        // 5. A re-INVITE with the same key (session refresh): our key is kept, the contexts too.
        Negotiation.Accepted refresh = (Negotiation.Accepted) negotiator.negotiate(
                SessionDescription.parse(savpOffer(b, phoneKey, key(2), 2)), legB.media());
        String refreshAnswer = refresh.answer(legB.localRtpAddress(), SdpNegotiator.nextVersion(answerSdpB.origin()))
                .toString();
        assertThat(answerKey(refreshAnswer)).isEqualTo(legKey);
        legB.apply(refresh.media());
        int failuresBefore = b.srtpFailures();
        Thread.sleep(200);
        assertThat(b.srtpFailures()).as("nothing changes for the phone").isEqualTo(failuresBefore);
        assertThat(sessionB.srtpAuthenticationFailures()).isEqualTo(1);

        // 6. Re-key (RFC 4568 §7.1.4): the phone offers a new key, we answer with a new one; both switch.
        byte[] phoneKey2 = key(50);
        Negotiation.Accepted rekey = (Negotiation.Accepted) negotiator.negotiate(
                SessionDescription.parse(savpOffer(b, phoneKey2, key(51), 3)), legB.media());
        String rekeyAnswer = rekey.answer(legB.localRtpAddress(), SdpNegotiator.nextVersion(answerSdpB.origin()))
                .toString();
        byte[] legKey2 = answerKey(rekeyAnswer);
        assertThat(legKey2).isNotEqualTo(legKey);
        legB.apply(rekey.media());
        b.useSrtp(new SrtpEndpoint(false, phoneKey2, legKey2));
        Thread.sleep(200); // packets in flight under the old keys fail and are dropped
        long authFailuresAfterSwitch = sessionB.srtpAuthenticationFailures();
        int phoneFailuresAfterSwitch = b.srtpFailures();
        assertTheyHearEachOther(a, b, "after re-key");
        assertThat(sessionB.srtpAuthenticationFailures()).as("no failures once both use the new keys")
                .isEqualTo(authFailuresAfterSwitch);
        assertThat(b.srtpFailures()).isEqualTo(phoneFailuresAfterSwitch);
        assertThat(legB.packetsReceived()).isGreaterThan(50);
    }

    private String digitsOf() {
        synchronized (digitsAtLegB) {
            return digitsAtLegB.toString();
        }
    }
}
