package org.govtel.media.leg;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.govtel.media.codec.G711Codec;
import org.govtel.media.codec.G722Codec;
import org.govtel.media.codec.OpusCodec;
import org.govtel.media.mixer.AudioMixer;
import org.govtel.media.sdp.AudioFormat;
import org.govtel.media.sdp.Negotiation;
import org.govtel.media.sdp.SdpNegotiator;
import org.govtel.media.sdp.SessionDescription;
import org.govtel.media.testutil.LoopbackRoom;
import org.govtel.media.testutil.Signals;
import org.govtel.media.testutil.TestPhone;
import org.govtel.media.transport.PortAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Three phones on real UDP sockets (127.0.0.1) in one room, set up exactly as the SIP layer would:
 * phone SDP offer → {@link SdpNegotiator} → {@link AudioLeg#open} → answer → apply → start.
 * A sends a 1 kHz tone as PCMU, B 500 Hz as G.722, C silence as Opus (with rtcp-mux). What each
 * phone hears is decoded and measured with Goertzel; assertions are on amplitude ratios.
 */
class ConferenceLoopbackTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final long MS = 1_000_000L;

    private final LoopbackRoom room = new LoopbackRoom(42400, 42499);
    private final EventLoopGroup group = room.group;
    private final ScheduledExecutorService scheduler = room.scheduler;
    private final PortAllocator ports = room.ports;
    private final AudioMixer mixer = room.mixer;
    private final List<AutoCloseable> toClose = room.toClose;
    private final StringBuilder digitsAtLegA = new StringBuilder();

    @AfterEach
    void tearDown() throws Exception {
        room.close();
    }

    private static String offer(TestPhone phone, String formats, String... attributes) {
        StringBuilder b = new StringBuilder("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n")
                .append("m=audio ").append(phone.port()).append(" RTP/AVP ").append(formats).append("\r\n");
        for (String a : attributes) {
            b.append("a=").append(a).append("\r\n");
        }
        return b.toString();
    }

    /** What the SIP layer does with an INVITE: negotiate, open, answer, apply, start. */
    private AudioLeg answer(String id, String offerSdp, LegResources resources, AudioLegListener listener) {
        Negotiation n = SdpNegotiator.defaults().negotiate(SessionDescription.parse(offerSdp));
        assertThat(n).isInstanceOf(Negotiation.Accepted.class);
        Negotiation.Accepted accepted = (Negotiation.Accepted) n;
        AudioLeg leg = AudioLeg.open(id, resources, listener);
        toClose.add(leg);
        String answer = accepted.answer(leg.localRtpAddress()).toString();
        assertThat(answer).contains("m=audio " + leg.localRtpAddress().getPort() + " RTP/AVP");
        leg.apply(accepted.media());
        leg.start(mixer);
        return leg;
    }

    private static void await(BooleanSupplier condition, long maxMillis) throws InterruptedException {
        long deadline = System.nanoTime() + maxMillis * MS;
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    @Test
    void threeLegsMixMuteDigitsAndPrompt() throws Exception {
        Assumptions.assumeTrue(OpusCodec.isAvailable(), "native libopus not loadable here");
        LegResources resources = LegResources.of(group, ports, LOOPBACK).withRtcpMinimumInterval(Duration.ofSeconds(1));

        TestPhone a = new TestPhone("A", G711Codec.pcmu(), 0, 101, 1000, 8000);
        TestPhone b = new TestPhone("B", new G722Codec(), 9, 101, 500, 8000);
        TestPhone c = new TestPhone("C", new OpusCodec(48000, 32000, 10), 111, 110, 0, 0);
        toClose.add(a);
        toClose.add(b);
        toClose.add(c);

        AudioLeg legA = answer("A", offer(a, "0 101", "rtpmap:101 telephone-event/8000"), resources,
                digit -> {
                    synchronized (digitsAtLegA) {
                        digitsAtLegA.append(digit);
                    }
                });
        AudioLeg legB = answer("B", offer(b, "9 0 101", "rtpmap:101 telephone-event/8000"), resources, d -> { });
        AudioLeg legC = answer("C", offer(c, "111 110", "rtpmap:111 opus/48000/2", "rtpmap:110 telephone-event/48000",
                "rtcp-mux"), resources, d -> { });
        assertThat(legA.media().format()).isEqualTo(AudioFormat.PCMU);
        assertThat(legB.media().format()).isEqualTo(AudioFormat.G722);
        assertThat(legC.media().format()).isEqualTo(AudioFormat.OPUS);
        assertThat(legC.media().rtcpMux()).isTrue();

        a.startSending(legA.localRtpAddress(), scheduler);
        b.startSending(legB.localRtpAddress(), scheduler);
        c.startSending(legC.localRtpAddress(), scheduler);

        // 1. The mix: after the jitter buffers settle, each hears the others and not itself.
        await(() -> a.framesHeard() > 40 && b.framesHeard() > 40 && c.framesHeard() > 40, 3000);
        long from = System.nanoTime();
        Thread.sleep(500);
        long to = System.nanoTime();
        double b1k = b.amplitudeBetween(1000, from, to);
        double b500 = b.amplitudeBetween(500, from, to);
        double c1k = c.amplitudeBetween(1000, from, to);
        double c500 = c.amplitudeBetween(500, from, to);
        double a1k = a.amplitudeBetween(1000, from, to);
        double a500 = a.amplitudeBetween(500, from, to);
        String levels = String.format("A hears 1k=%.0f 500=%.0f; B hears 1k=%.0f 500=%.0f; C hears 1k=%.0f 500=%.0f",
                a1k, a500, b1k, b500, c1k, c500);
        System.out.println(levels);
        assertThat(b1k).as("B hears A: " + levels).isGreaterThan(2000);
        assertThat(c1k).as("C hears A: " + levels).isGreaterThan(2000);
        assertThat(c500).as("C hears B: " + levels).isGreaterThan(2000);
        assertThat(a500).as("A hears B: " + levels).isGreaterThan(2000);
        assertThat(a1k).as("A does not hear itself: " + levels).isLessThan(a500 * 0.05);
        assertThat(b500).as("B does not hear itself: " + levels).isLessThan(b1k * 0.05);

        // 2. Mute A: B and C stop hearing the 1 kHz tone; C still hears B.
        legA.setMuted(true);
        Thread.sleep(300); // frames already in flight and in the jitter buffers
        from = System.nanoTime();
        Thread.sleep(400);
        to = System.nanoTime();
        double mutedC1k = c.amplitudeBetween(1000, from, to);
        double mutedC500 = c.amplitudeBetween(500, from, to);
        double mutedB1k = b.amplitudeBetween(1000, from, to);
        System.out.printf("muted A: B hears 1k=%.0f; C hears 1k=%.0f 500=%.0f%n", mutedB1k, mutedC1k, mutedC500);
        assertThat(mutedC500).as("C still hears B").isGreaterThan(2000);
        assertThat(mutedC1k).as("C does not hear muted A").isLessThan(mutedC500 * 0.05);
        assertThat(mutedB1k).as("B does not hear muted A").isLessThan(b1k * 0.05);
        legA.setMuted(false);

        // 3. Digits: A's phone sends RFC 4733 events → leg A's listener; leg C sends digits → phone C.
        a.sendDigits("1#9");
        assertThat(legC.sendDigits("5*")).isTrue();
        await(() -> digitsOf(digitsAtLegA).length() >= 3 && c.digitsHeard().length() >= 2, 3000);
        assertThat(digitsOf(digitsAtLegA)).isEqualTo("1#9");
        assertThat(c.digitsHeard()).isEqualTo("5*");

        // 4. A prompt (700 Hz at 8 kHz, 400 ms) to B only: B hears it instead of the room; A does not.
        short[] prompt = Signals.tone(700, 8000, 8000 * 400 / 1000, 8000);
        long promptStart = System.nanoTime();
        CompletableFuture<Void> played = legB.playPrompt(prompt, 8000);
        played.get(3, TimeUnit.SECONDS);
        long promptEnd = System.nanoTime();
        Thread.sleep(60);
        long windowFrom = promptStart + 150 * MS;
        long windowTo = Math.min(promptEnd, promptStart + 400 * MS);
        double b700 = b.amplitudeBetween(700, windowFrom, windowTo);
        double a700 = a.amplitudeBetween(700, windowFrom, windowTo);
        System.out.printf("prompt: B hears 700=%.0f, A hears 700=%.0f%n", b700, a700);
        assertThat(b700).as("B hears its prompt").isGreaterThan(2000);
        assertThat(a700).as("the prompt is for B only").isLessThan(b700 * 0.05);

        // 5. RTCP under rtcp-mux reached phone C on its RTP port; counters move.
        await(() -> c.rtcpPacketsHeard() > 0, 1500);
        assertThat(c.rtcpPacketsHeard()).as("RTCP on C's RTP port (rtcp-mux)").isPositive();
        assertThat(legA.packetsReceived()).isGreaterThan(50);
        assertThat(legB.packetsSent()).isGreaterThan(50);
        assertThat(legA.jitterBufferStatistics().played()).isGreaterThan(50);

        // 6. Close frees the ports at once.
        legA.close();
        legB.close();
        legC.close();
        assertThat(ports.inUse()).isZero();
    }

    private static String digitsOf(StringBuilder b) {
        synchronized (b) {
            return b.toString();
        }
    }

    @Test
    void legRejectsStartBeforeApplyAndCloseIsIdempotent() {
        LegResources resources = LegResources.of(group, ports, LOOPBACK);
        AudioLeg leg = AudioLeg.open("x", resources, d -> { });
        toClose.add(leg);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> leg.start(mixer))
                .isInstanceOf(IllegalStateException.class);
        assertThat(leg.sendDigits("1")).isFalse();
        assertThat(leg.playPrompt(new short[160], 8000)).isCompletedExceptionally();
        assertThat(ports.inUse()).isEqualTo(1);
        leg.close();
        leg.close();
        assertThat(ports.inUse()).isZero();
        assertThat(leg.localRtpAddress()).isEqualTo(new InetSocketAddress(LOOPBACK, leg.localRtpAddress().getPort()));
    }
}
