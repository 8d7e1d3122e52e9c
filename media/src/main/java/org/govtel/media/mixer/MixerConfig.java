package org.govtel.media.mixer;

/**
 * Settings of one room's {@link AudioMixer}.
 *
 * @param sampleRate        rate the room mixes at (8000, 16000 or 48000 Hz)
 * @param maxSpeakers       K: at most this many talkers are summed into the mix (the loudest ones)
 * @param speechLevel       quietest frame level counted as speech, in −dBov (RFC 6464 scale)
 * @param hangoverTicks     20 ms ticks a talker stays "speaking" after the last speech frame
 * @param stickinessLevel   bonus in dB for talkers already in the mix, so the top K do not flap
 */
public record MixerConfig(int sampleRate, int maxSpeakers, int speechLevel, int hangoverTicks, int stickinessLevel) {

    public MixerConfig {
        if (sampleRate != 8000 && sampleRate != 16000 && sampleRate != 48000) {
            throw new IllegalArgumentException("mixer rate must be 8000, 16000 or 48000");
        }
        if (maxSpeakers < 1 || maxSpeakers > 16) {
            throw new IllegalArgumentException("maxSpeakers must be 1..16");
        }
    }

    /** 16 kHz (wideband, so G.722 keeps its quality), 4 talkers, −50 dBov, 300 ms hangover. */
    public static MixerConfig defaults() {
        return new MixerConfig(16000, 4, 50, 15, 3);
    }

    public MixerConfig withSampleRate(int rate) {
        return new MixerConfig(rate, maxSpeakers, speechLevel, hangoverTicks, stickinessLevel);
    }

    public MixerConfig withMaxSpeakers(int k) {
        return new MixerConfig(sampleRate, k, speechLevel, hangoverTicks, stickinessLevel);
    }

    /** Samples in one 20 ms tick. */
    public int frameSamples() {
        return sampleRate / 50;
    }
}
