package org.govtel.media.leg;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.govtel.media.codec.G711Codec;
import org.govtel.media.mixer.AudioMixer;
import org.govtel.media.mixer.MixerClock;
import org.govtel.media.mixer.MixerConfig;
import org.govtel.media.sdp.AudioFormat;
import org.govtel.media.sdp.MediaDirection;
import org.govtel.media.sdp.Negotiation;
import org.govtel.media.sdp.NegotiatedMedia;
import org.govtel.media.sdp.SdpNegotiator;
import org.govtel.media.sdp.SessionDescription;
import org.govtel.media.testutil.LoopbackRoom;
import org.govtel.media.testutil.TestPhone;
import org.govtel.media.transport.PortAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Re-INVITE cases on loopback: hold and resume, codec change, SSRC change, media timeout. */
class AudioLegRenegotiationTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final long MS = 1_000_000L;

    private final LoopbackRoom room = new LoopbackRoom(42500, 42599);
    private final EventLoopGroup group = room.group;
    private final ScheduledExecutorService scheduler = room.scheduler;
    private final PortAllocator ports = room.ports;
    private final AudioMixer mixer = room.mixer;
    private final List<AutoCloseable> toClose = room.toClose;
    private final SdpNegotiator negotiator = SdpNegotiator.defaults();

    @AfterEach
    void tearDown() throws Exception {
        room.close();
    }

    private NegotiatedMedia negotiate(TestPhone phone, String connection, String formats, String direction) {
        String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 " + connection + "\r\nt=0 0\r\n"
                + "m=audio " + phone.port() + " RTP/AVP " + formats + "\r\na=rtpmap:101 telephone-event/8000\r\n"
                + "a=" + direction + "\r\n";
        return ((Negotiation.Accepted) negotiator.negotiate(SessionDescription.parse(sdp))).media();
    }

    private static void await(BooleanSupplier condition, long maxMillis) throws InterruptedException {
        long deadline = System.nanoTime() + maxMillis * MS;
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private static int countAfter(TestPhone phone, int pt, long waitMillis) throws InterruptedException {
        int before = phone.packetsWithPt(pt);
        Thread.sleep(waitMillis);
        return phone.packetsWithPt(pt) - before;
    }

    @Test
    void holdResumeCodecChangeSsrcChangeAndTimeout() throws Exception {
        AtomicInteger timeouts = new AtomicInteger();
        LegResources resources = new LegResources(group, ports, LOOPBACK, Clock.systemUTC(), Duration.ofMillis(400),
                Duration.ofSeconds(5), "test");
        TestPhone a = new TestPhone("A", G711Codec.pcmu(), 0, 101, 1000, 8000);
        TestPhone b = new TestPhone("B", G711Codec.pcmu(), 0, 101, 0, 0);
        toClose.add(a);
        toClose.add(b);
        AudioLegListener timeoutCounter = new AudioLegListener() {
            @Override
            public void onDigit(char digit) {
            }

            @Override
            public void onMediaTimeout(AudioLeg leg) {
                timeouts.incrementAndGet();
            }
        };
        AudioLeg legA = AudioLeg.open("A", resources, d -> { });
        AudioLeg legB = AudioLeg.open("B", resources, timeoutCounter);
        toClose.add(legA);
        toClose.add(legB);
        legA.apply(negotiate(a, "127.0.0.1", "0 101", "sendrecv"));
        legB.apply(negotiate(b, "127.0.0.1", "0 8 101", "sendrecv"));
        legA.start(mixer);
        legB.start(mixer);
        a.startSending(legA.localRtpAddress(), scheduler);
        b.startSending(legB.localRtpAddress(), scheduler);

        await(() -> b.framesHeard() > 30, 2000);
        long from = System.nanoTime();
        Thread.sleep(300);
        double heard = b.amplitudeBetween(1000, from, System.nanoTime());
        assertThat(heard).as("B hears A").isGreaterThan(2000);

        // B puts the call on hold the RFC 3264 way (sendonly): we stop sending to B, still receive.
        NegotiatedMedia hold = negotiate(b, "127.0.0.1", "0 8 101", "sendonly");
        assertThat(hold.direction()).isEqualTo(MediaDirection.RECVONLY);
        legB.apply(hold);
        Thread.sleep(100);
        assertThat(countAfter(b, 0, 300)).as("nothing sent to a holding phone").isZero();
        // ... and the old RFC 2543 way (c=0.0.0.0).
        legB.apply(negotiate(b, "0.0.0.0", "0 8 101", "sendrecv"));
        Thread.sleep(100);
        assertThat(countAfter(b, 0, 300)).isZero();

        // Resume, with another codec: PCMA only. The leg re-joins the mixer with it.
        NegotiatedMedia resumed = negotiate(b, "127.0.0.1", "8 101", "sendrecv");
        assertThat(resumed.format()).isEqualTo(AudioFormat.PCMA);
        b.switchCodec(G711Codec.pcma(), 8);
        legB.apply(resumed);
        await(() -> b.packetsWithPt(8) > 20, 2000);
        assertThat(countAfter(b, 0, 200)).as("no more PCMU").isZero();
        from = System.nanoTime();
        Thread.sleep(300);
        assertThat(b.amplitudeBetween(1000, from, System.nanoTime())).as("B hears A again, in PCMA").isGreaterThan(2000);

        // A's phone restarts its stream with a new SSRC: the jitter buffer starts afresh, B still hears A.
        a.changeSsrc(0x5eed);
        Thread.sleep(300);
        from = System.nanoTime();
        Thread.sleep(300);
        assertThat(b.amplitudeBetween(1000, from, System.nanoTime())).as("B hears A after the SSRC change")
                .isGreaterThan(2000);
        assertThat(legA.jitterBufferStatistics().resets()).isGreaterThanOrEqualTo(1);

        // B's phone stops sending while not on hold: the media timeout fires (timeout 400 ms, checked each second).
        assertThat(timeouts.get()).isZero();
        b.stopSending();
        await(() -> timeouts.get() > 0, 2500);
        assertThat(timeouts.get()).isEqualTo(1);
    }

    @Test
    void moveFromLobbyIntoTheRoomAndBackWithAPromptPlayingAcrossTheMove() throws Exception {
        AudioMixer lobby = new AudioMixer(MixerConfig.defaults());
        ScheduledFuture<?> lobbyTicks = new MixerClock(scheduler).start(lobby, new MixerClock.TickLateness());
        try {
            LegResources resources = LegResources.of(group, ports, LOOPBACK);
            TestPhone a = new TestPhone("A", G711Codec.pcmu(), 0, 101, 1000, 8000);
            TestPhone b = new TestPhone("B", G711Codec.pcmu(), 0, 101, 500, 8000);
            toClose.add(a);
            toClose.add(b);
            AudioLeg legA = AudioLeg.open("A", resources, d -> { });
            AudioLeg legB = AudioLeg.open("B", resources, d -> { });
            toClose.add(legA);
            toClose.add(legB);
            legA.apply(negotiate(a, "127.0.0.1", "0 101", "sendrecv"));
            legB.apply(negotiate(b, "127.0.0.1", "0 101", "sendrecv"));
            legA.start(mixer);
            legB.setMuted(true);
            legB.start(lobby);
            a.startSending(legA.localRtpAddress(), scheduler);
            b.startSending(legB.localRtpAddress(), scheduler);
            await(() -> b.framesHeard() > 20 && a.framesHeard() > 20, 2000);

            long from = System.nanoTime();
            Thread.sleep(300);
            long to = System.nanoTime();
            assertThat(b.amplitudeBetween(1000, from, to)).as("the lobby hears nothing of the room").isLessThan(100);
            assertThat(a.amplitudeBetween(500, from, to)).as("the room hears nothing of the lobby").isLessThan(100);

            // A 700 Hz prompt of 800 ms starts in the lobby; B moves into the room while it plays.
            java.util.concurrent.CompletableFuture<Void> prompt =
                    legB.playPrompt(org.govtel.media.testutil.Signals.tone(700, 16000, 16000 * 800 / 1000, 8000), 16000);
            Thread.sleep(200);
            legB.moveTo(mixer);
            legB.setMuted(false);
            assertThat(legB.participant()).isNotNull();
            long movedAt = System.nanoTime();
            Thread.sleep(350);
            assertThat(prompt).as("the prompt goes on after the move").isNotDone();
            assertThat(b.amplitudeBetween(700, movedAt + 100 * MS, System.nanoTime())).isGreaterThan(2000);
            prompt.get(2, TimeUnit.SECONDS);

            Thread.sleep(200);
            from = System.nanoTime();
            Thread.sleep(300);
            to = System.nanoTime();
            assertThat(b.amplitudeBetween(1000, from, to)).as("B hears the room now").isGreaterThan(2000);
            assertThat(a.amplitudeBetween(500, from, to)).as("the room hears B now").isGreaterThan(2000);

            // Back to the lobby, muted: the room no longer hears B.
            legB.setMuted(true);
            legB.moveTo(lobby);
            Thread.sleep(200);
            from = System.nanoTime();
            Thread.sleep(300);
            to = System.nanoTime();
            assertThat(a.amplitudeBetween(500, from, to)).isLessThan(100);
            assertThat(mixer.participants()).hasSize(1);
            assertThat(lobby.participants()).hasSize(1);
            legB.close();
            assertThat(lobby.participants()).isEmpty();
        } finally {
            lobbyTicks.cancel(false);
            lobby.closeRetired();
        }
    }
}
