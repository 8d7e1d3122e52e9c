package org.govtel.media.mixer;

import org.govtel.media.codec.AudioCodec;
import org.govtel.media.codec.Resampler;

/**
 * One participant of a room's mix: where its audio comes from, where its mix goes, its codec, and
 * the per-tick buffers the mixer reuses. Created by {@link AudioMixer#join}.
 */
public final class MixerParticipant {

    private final String id;
    private final AudioSource source;
    private final MixedAudioSink sink;
    private volatile boolean muted;

    // Owned by the mixer's tick thread.
    final CodecGroup group;
    final SpeakerDetector detector;
    final short[] input;
    boolean hasInput;
    int level = AudioLevels.SILENCE;
    boolean selected;

    // Personal (N−1) mix, used only while this participant is one of the K talkers.
    private final AudioCodec personalEncoder;
    private final Resampler personalResampler;
    final int[] personalSum;
    final short[] personalPcm;
    private final short[] personalCodecPcm;
    final byte[] personalEncoded;
    final SoftLimiter personalLimiter = new SoftLimiter();

    MixerParticipant(String id, AudioCodec codec, AudioSource source, MixedAudioSink sink, CodecGroup group,
                     MixerConfig config) {
        this.id = id;
        this.source = source;
        this.sink = sink;
        this.group = group;
        this.detector = new SpeakerDetector(config.speechLevel(), config.hangoverTicks());
        int frame = config.frameSamples();
        this.input = new short[frame];
        this.personalEncoder = codec.newInstance();
        this.personalResampler = personalEncoder.sampleRate() == config.sampleRate() ? null
                : new Resampler(config.sampleRate(), personalEncoder.sampleRate(), frame);
        this.personalSum = new int[frame];
        this.personalPcm = new short[frame];
        this.personalCodecPcm = new short[personalEncoder.frameSamples()];
        this.personalEncoded = new byte[personalEncoder.maxEncodedFrameBytes()];
    }

    public String id() {
        return id;
    }

    public boolean isMuted() {
        return muted;
    }

    /** Mutes or unmutes this participant's voice in the mix (they still hear the others). */
    public void setMuted(boolean muted) {
        this.muted = muted;
    }

    /** Whether this participant is currently talking (with hangover), as the roster shows it. */
    public boolean isSpeaking() {
        return detector.isSpeaking();
    }

    /** Whether this participant was one of the K talkers summed into the last tick's mix. */
    public boolean isInMix() {
        return selected;
    }

    /** The last measured or received audio level, in −dBov (127 = silence). */
    public int audioLevel() {
        return level;
    }

    AudioSource source() {
        return source;
    }

    MixedAudioSink sink() {
        return sink;
    }

    /** Encodes {@link #personalPcm} (mixer rate) with this participant's own encoder. */
    int encodePersonal(int mixerSamples) {
        short[] pcm = personalPcm;
        if (personalResampler != null) {
            personalResampler.process(personalPcm, 0, mixerSamples, personalCodecPcm, 0);
            pcm = personalCodecPcm;
        }
        return personalEncoder.encode(pcm, 0, personalEncoded, 0);
    }

    /**
     * Frees the encoder, and the source when it is {@link AutoCloseable}: run by the mixer after
     * the participant has left, once no tick can still use them.
     */
    void close() {
        personalEncoder.close();
        if (source instanceof AutoCloseable) {
            try {
                ((AutoCloseable) source).close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the source of " + id + " failed", e);
            }
        }
    }

    @Override
    public String toString() {
        return "MixerParticipant[" + id + "]";
    }
}
