package org.govtel.media.mixer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.govtel.media.testutil.Signals.goertzelAmplitude;
import static org.govtel.media.testutil.Signals.rms;

import java.lang.management.ManagementFactory;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.govtel.media.codec.AudioCodec;
import org.govtel.media.codec.G722Codec;
import org.govtel.media.codec.OpusCodec;
import org.govtel.media.codec.G711Codec;
import org.junit.jupiter.api.Test;

/**
 * The mixer ticked by the test (no real clock): what each participant hears is decoded and the
 * tones in it measured with a Goertzel filter.
 */
class AudioMixerTest {

    private static final int RATE = 8000;
    private static final int WINDOW = RATE / 2; // the last half second of one second

    private final AudioMixer mixer = new AudioMixer(MixerConfig.defaults().withSampleRate(RATE));

    private RecordingSink join(String id, ToneSource source) {
        return join(id, source, G711Codec.pcmu());
    }

    private RecordingSink join(String id, ToneSource source, AudioCodec codec) {
        RecordingSink sink = new RecordingSink(codec, 1);
        mixer.join(id, codec, source, sink);
        return sink;
    }

    private void tickOneSecond() {
        for (int i = 0; i < 50; i++) {
            mixer.tick();
        }
    }

    private static double tone(RecordingSink sink, double frequency) {
        return goertzelAmplitude(sink.heard, RATE / 2, WINDOW, frequency, RATE);
    }

    @Test
    void everyoneButTheTalkerHearsTheTalker() {
        RecordingSink a = join("A", new ToneSource(RATE, 1000, 8000));
        RecordingSink b = join("B", new ToneSource(RATE, 0, 0));
        RecordingSink c = join("C", new ToneSource(RATE, 0, 0));
        tickOneSecond();
        assertThat(tone(b, 1000)).isBetween(7200.0, 8800.0);
        assertThat(tone(c, 1000)).isBetween(7200.0, 8800.0);
        assertThat(tone(a, 1000)).as("A must not hear itself").isLessThan(40.0);
        assertThat(rms(a.heard, RATE / 2, WINDOW)).isLessThan(40.0);
        assertThat(a.personalFrames).isEqualTo(50);
        assertThat(b.sharedFrames).isEqualTo(50);
    }

    @Test
    void twoTalkersAreBothHeardAndNeitherHearsThemselves() {
        RecordingSink a = join("A", new ToneSource(RATE, 600, 6000));
        RecordingSink b = join("B", new ToneSource(RATE, 1400, 6000));
        RecordingSink c = join("C", new ToneSource(RATE, 0, 0));
        tickOneSecond();
        assertThat(tone(c, 600)).isBetween(5400.0, 6600.0);
        assertThat(tone(c, 1400)).isBetween(5400.0, 6600.0);
        assertThat(tone(a, 1400)).isBetween(5400.0, 6600.0);
        assertThat(tone(a, 600)).isLessThan(60.0);
        assertThat(tone(b, 600)).isBetween(5400.0, 6600.0);
        assertThat(tone(b, 1400)).isLessThan(60.0);
    }

    @Test
    void aMutedParticipantIsNotMixedIn() {
        ToneSource aVoice = new ToneSource(RATE, 1000, 8000);
        RecordingSink a = join("A", aVoice);
        RecordingSink b = join("B", new ToneSource(RATE, 0, 0));
        mixer.participants()[0].setMuted(true);
        tickOneSecond();
        assertThat(tone(b, 1000)).isLessThan(40.0);
        assertThat(mixer.participants()[0].isInMix()).isFalse();
        assertThat(mixer.lastTalkerCount()).isZero();
        assertThat(a.sharedFrames).as("a muted participant still hears the room").isEqualTo(50);
    }

    @Test
    void loudInputsAreLimitedWithoutWrapAround() {
        int talkers = 4;
        for (int i = 0; i < talkers; i++) {
            join("T" + i, new ToneSource(RATE, 500, 30000)); // in phase: the sum is 4 × full scale
        }
        RecordingSink listener = join("L", new ToneSource(RATE, 0, 0));
        tickOneSecond();
        double heard = tone(listener, 500);
        assertThat(heard).isBetween(20000.0, 32767.0);
        // No wrap-around: the listener's signal has the sign of the input tone at every sample.
        short[] reference = new ToneSource(RATE, 500, 1).frame(RATE);
        int wrongSign = 0;
        for (int i = RATE / 2; i < RATE; i++) {
            if (Math.abs(reference[i]) > 0 && Math.abs(listener.heard[i]) > 1000
                    && Integer.signum(reference[i]) != Integer.signum(listener.heard[i])) {
                wrongSign++;
            }
        }
        assertThat(wrongSign).isZero();
    }

    @Test
    void onlyTheKLoudestTalkersAreSummed() {
        AudioMixer room = new AudioMixer(MixerConfig.defaults().withSampleRate(RATE).withMaxSpeakers(3));
        double[] frequencies = {400, 600, 800, 1000, 1200, 1400};
        double[] amplitudes = {1000, 2000, 3000, 4000, 5000, 6000};
        for (int i = 0; i < frequencies.length; i++) {
            room.join("T" + i, G711Codec.pcmu(), new ToneSource(RATE, frequencies[i], amplitudes[i]), (p, b, l, s) -> { });
        }
        RecordingSink listener = new RecordingSink(G711Codec.pcmu(), 1);
        room.join("L", G711Codec.pcmu(), new ToneSource(RATE, 0, 0), listener);
        for (int i = 0; i < 50; i++) {
            room.tick();
        }
        assertThat(room.lastTalkerCount()).isEqualTo(3);
        assertThat(tone(listener, 1400)).isGreaterThan(4000.0);
        assertThat(tone(listener, 1200)).isGreaterThan(3000.0);
        assertThat(tone(listener, 1000)).isGreaterThan(2500.0);
        assertThat(tone(listener, 800)).isLessThan(100.0);
        assertThat(tone(listener, 400)).isLessThan(100.0);
    }

    @Test
    void silentParticipantsShareOneEncodingPerCodec() {
        AtomicInteger encodes = new AtomicInteger();
        AudioCodec counting = new CountingCodec(G711Codec.pcmu(), encodes);
        AudioMixer room = new AudioMixer(MixerConfig.defaults().withSampleRate(RATE));
        room.join("talker", counting, new ToneSource(RATE, 1000, 8000), (p, b, l, s) -> { });
        byte[][] lastPayload = new byte[1][];
        AtomicInteger sharedDeliveries = new AtomicInteger();
        for (int i = 0; i < 100; i++) {
            room.join("listener" + i, counting, new ToneSource(RATE, 0, 0), (p, payload, l, shared) -> {
                assertThat(shared).isTrue();
                lastPayload[0] = payload;
                sharedDeliveries.incrementAndGet();
            });
        }
        room.join("pcma", G711Codec.pcma(), new ToneSource(RATE, 0, 0), (p, b, l, s) -> { });
        encodes.set(0);
        room.tick();
        // One shared PCMU encoding for 100 listeners, one personal for the talker.
        assertThat(encodes.get()).isEqualTo(2);
        assertThat(sharedDeliveries.get()).isEqualTo(100);
    }

    @Test
    void widebandRoomTranscodesBetweenG722G711AndOpus() {
        int rate = 16000;
        AudioMixer room = new AudioMixer(MixerConfig.defaults().withSampleRate(rate));
        room.join("g711", G711Codec.pcmu(), new ToneSource(rate, 1000, 8000), (p, b, l, s) -> { });
        RecordingSink g722 = new RecordingSink(new G722Codec(), 1);
        room.join("g722", new G722Codec(), new ToneSource(rate, 0, 0), g722);
        RecordingSink opus = null;
        if (OpusCodec.isAvailable()) {
            opus = new RecordingSink(new OpusCodec(), 1);
            room.join("opus", new OpusCodec(), new ToneSource(rate, 0, 0), opus);
        }
        for (int i = 0; i < 50; i++) {
            room.tick();
        }
        assertThat(goertzelAmplitude(g722.heard, rate / 2, rate / 2, 1000, rate)).isBetween(7000.0, 9000.0);
        if (opus != null) {
            assertThat(goertzelAmplitude(opus.heard, 24000, 24000, 1000, 48000)).isBetween(6500.0, 9500.0);
        }
    }

    @Test
    void activeSpeakerStateFollowsTheVoiceWithHangover() {
        ToneSource voice = new ToneSource(RATE, 1000, 8000);
        join("A", voice);
        join("B", new ToneSource(RATE, 0, 0));
        MixerParticipant a = mixer.participants()[0];
        mixer.tick();
        assertThat(a.isSpeaking()).isTrue();
        assertThat(a.audioLevel()).isEqualTo(15); // RMS 8000/√2 against a full-scale square wave: −15.3 dBov
        voice.amplitude = 0;
        for (int i = 0; i < MixerConfig.defaults().hangoverTicks(); i++) {
            mixer.tick();
        }
        assertThat(a.isSpeaking()).as("still within the hangover").isTrue();
        mixer.tick();
        assertThat(a.isSpeaking()).isFalse();
        assertThat(mixer.participants()[1].isSpeaking()).isFalse();
    }

    @Test
    void aParticipantWhoLeavesIsNoLongerMixed() {
        RecordingSink a = join("A", new ToneSource(RATE, 1000, 8000));
        RecordingSink b = join("B", new ToneSource(RATE, 0, 0));
        mixer.tick();
        mixer.leave(mixer.participants()[0]);
        int frames = a.personalFrames + a.sharedFrames;
        for (int i = 0; i < 49; i++) {
            mixer.tick();
        }
        assertThat(a.personalFrames + a.sharedFrames).isEqualTo(frames);
        assertThat(rms(b.heard, RATE / 2, WINDOW)).isLessThan(10.0);
    }

    @Test
    void theTickAllocatesNothing() {
        AudioMixer room = new AudioMixer(MixerConfig.defaults().withSampleRate(RATE));
        for (int i = 0; i < 100; i++) {
            room.join("P" + i, G711Codec.pcmu(), new ToneSource(RATE, i % 10 == 0 ? 300 + 10 * i : 0, 5000),
                    (p, b, l, s) -> { });
        }
        for (int i = 0; i < 2000; i++) {
            room.tick(); // warm up (JIT)
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 1000; i++) {
            room.tick();
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated by 1000 ticks of 100 participants").isLessThan(4096);
    }

    @Test
    void theSharedClockTicksRoomsWithoutAThreadEach() throws Exception {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            MixerClock clock = new MixerClock(scheduler);
            AudioMixer first = new AudioMixer(MixerConfig.defaults().withSampleRate(RATE));
            AudioMixer second = new AudioMixer(MixerConfig.defaults().withSampleRate(RATE));
            AtomicInteger firstFrames = new AtomicInteger();
            AtomicInteger secondFrames = new AtomicInteger();
            first.join("x", G711Codec.pcmu(), new ToneSource(RATE, 0, 0), (p, b, l, s) -> firstFrames.incrementAndGet());
            second.join("y", G711Codec.pcmu(), new ToneSource(RATE, 0, 0), (p, b, l, s) -> secondFrames.incrementAndGet());
            MixerClock.TickLateness lateness = new MixerClock.TickLateness();
            ScheduledFuture<?> a = clock.start(first, lateness);
            ScheduledFuture<?> b = clock.start(second, lateness);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while ((firstFrames.get() < 3 || secondFrames.get() < 3) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            a.cancel(false);
            b.cancel(false);
            assertThat(firstFrames.get()).isGreaterThanOrEqualTo(3);
            assertThat(secondFrames.get()).isGreaterThanOrEqualTo(3);
            assertThat(lateness.count()).isGreaterThanOrEqualTo(6);
        } finally {
            scheduler.shutdownNow();
        }
    }

    /** Counts encodes of any instance made from it. */
    private record CountingCodec(AudioCodec inner, AtomicInteger encodes) implements AudioCodec {
        @Override public String encodingName() { return inner.encodingName(); }
        @Override public int sampleRate() { return inner.sampleRate(); }
        @Override public int rtpClockRate() { return inner.rtpClockRate(); }
        @Override public int staticPayloadType() { return inner.staticPayloadType(); }
        @Override public int maxEncodedFrameBytes() { return inner.maxEncodedFrameBytes(); }
        @Override public int encode(short[] pcm, int off, byte[] out, int outOff) {
            encodes.incrementAndGet();
            return inner.encode(pcm, off, out, outOff);
        }
        @Override public int decode(byte[] p, int o, int l, short[] pcm, int po) { return inner.decode(p, o, l, pcm, po); }
        @Override public int concealLoss(short[] pcm, int off) { return inner.concealLoss(pcm, off); }
        @Override public AudioCodec newInstance() { return new CountingCodec(inner.newInstance(), encodes); }
    }
}
