package org.govtel.bench.mixer;

import java.util.concurrent.TimeUnit;
import org.govtel.media.codec.G711;
import org.govtel.media.codec.G711Codec;
import org.govtel.media.mixer.AudioMixer;
import org.govtel.media.mixer.AudioSource;
import org.govtel.media.mixer.MixerConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One 20 ms tick of one room's {@link AudioMixer} for N G.711 (PCMU) participants of whom a share
 * talk: every participant's incoming PCMU frame is decoded (as the receive path does), levels are
 * measured, the K loudest talkers are summed, the shared mix is limited and encoded once, and each
 * talker's N−1 mix is limited and encoded; every participant's payload is handed to a sink.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MixerTickBenchmark {

    private static final int RATE = 8000;
    private static final int FRAME = RATE / 50;
    private static final int LOOP_FRAMES = 50;

    @Param({"20", "100", "500"})
    public int participants;

    @Param({"10"})
    public int talkingPercent;

    private AudioMixer mixer;

    @Setup(Level.Trial)
    public void setUp(Blackhole blackhole) {
        mixer = new AudioMixer(MixerConfig.defaults().withSampleRate(RATE));
        int talkers = Math.max(1, participants * talkingPercent / 100);
        for (int i = 0; i < participants; i++) {
            double frequency = i < talkers ? 300 + 37 * i : 0;
            mixer.join("p" + i, G711Codec.pcmu(), new PcmuLoopSource(frequency, 6000 - 50 * (i % 40)),
                    (participant, payload, length, shared) -> blackhole.consume(payload));
        }
        for (int i = 0; i < 100; i++) {
            mixer.tick(); // speaker detection settles
        }
    }

    @Benchmark
    public void tick() {
        mixer.tick();
    }

    /** A participant's incoming audio: one second of PCMU (a tone, or silence) decoded frame by frame. */
    static final class PcmuLoopSource implements AudioSource {
        private final byte[] encoded = new byte[FRAME * LOOP_FRAMES];
        private int frame;

        PcmuLoopSource(double frequency, double amplitude) {
            for (int i = 0; i < encoded.length; i++) {
                double sample = frequency == 0 ? 0 : amplitude * Math.sin(2 * Math.PI * frequency * i / RATE);
                encoded[i] = (byte) G711.linearToUlaw((int) Math.round(sample));
            }
        }

        @Override
        public boolean readFrame(short[] pcm, int offset, int samples) {
            int base = frame * FRAME;
            for (int i = 0; i < samples; i++) {
                pcm[offset + i] = (short) G711.ulawToLinear(encoded[base + i]);
            }
            frame = (frame + 1) % LOOP_FRAMES;
            return true;
        }
    }
}
