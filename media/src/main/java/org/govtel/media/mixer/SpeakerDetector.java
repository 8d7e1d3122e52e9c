package org.govtel.media.mixer;

/**
 * Decides whether one participant is speaking from the audio level of each 20 ms frame (RFC 6464
 * −dBov values, measured or received): a frame at or above the threshold is speech; speech state
 * holds for a hangover after the last loud frame so that pauses between words do not drop a talker
 * from the mix. A smoothed loudness ranks the talkers when more than K are speaking.
 */
final class SpeakerDetector {

    private final int thresholdLevel;
    private final int hangoverTicks;
    private int ticksSinceSpeech = Integer.MAX_VALUE / 2;
    /** Exponentially smoothed (127 − level), scaled by 8. */
    private int smoothedLoudness;

    /**
     * @param thresholdLevel the quietest level counted as speech, in −dBov (e.g. 50 = −50 dBov)
     * @param hangoverTicks  ticks the speaking state lasts after the last speech frame
     */
    SpeakerDetector(int thresholdLevel, int hangoverTicks) {
        this.thresholdLevel = thresholdLevel;
        this.hangoverTicks = hangoverTicks;
    }

    /** Feeds the level of this tick's frame (127 when the participant sent nothing or is muted). */
    void update(int level) {
        int loudness = AudioLevels.SILENCE - level;
        smoothedLoudness += loudness - (smoothedLoudness >> 3); // α = 1/8, kept ×8
        if (level <= thresholdLevel) {
            ticksSinceSpeech = 0;
        } else if (ticksSinceSpeech < Integer.MAX_VALUE / 2) {
            ticksSinceSpeech++;
        }
    }

    boolean isSpeaking() {
        return ticksSinceSpeech <= hangoverTicks;
    }

    /** Smoothed loudness (higher is louder), in eighths of a dB above −127 dBov. */
    int loudness() {
        return smoothedLoudness;
    }

    void reset() {
        ticksSinceSpeech = Integer.MAX_VALUE / 2;
        smoothedLoudness = 0;
    }
}
