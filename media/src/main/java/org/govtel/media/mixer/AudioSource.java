package org.govtel.media.mixer;

/** Where the mixer reads one participant's audio each tick: PCM at the mixer's sample rate. */
public interface AudioSource {

    /** Returned by {@link #audioLevel()} when the source does not know its level. */
    int UNKNOWN_LEVEL = -1;

    /**
     * Writes one frame of PCM for this tick.
     *
     * @return false when there is nothing to hear for this tick (no packet, source idle)
     */
    boolean readFrame(short[] pcm, int offset, int samples);

    /**
     * The level of the frame just read, in −dBov (RFC 6464), when the sender told us (the audio
     * level header extension); the mixer measures it otherwise.
     */
    default int audioLevel() {
        return UNKNOWN_LEVEL;
    }

    /**
     * The mixer's two-step read. Step one takes and decodes this tick's frame; the samples need
     * not be in {@code pcm} yet, but {@link #preparedLevel} (or {@code pcm}) must tell its level.
     * The default reads the whole frame here.
     *
     * @return false when there is nothing to hear for this tick
     */
    default boolean prepareFrame(short[] pcm, int offset, int samples) {
        return readFrame(pcm, offset, samples);
    }

    /** The level in −dBov of the frame {@link #prepareFrame} took, or {@link #UNKNOWN_LEVEL} to measure {@code pcm}. */
    default int preparedLevel() {
        return UNKNOWN_LEVEL;
    }

    /**
     * Step two, after the mixer chose whom to mix: writes the prepared frame at the mixer rate when
     * {@code needed} (the participant is mixed this tick); otherwise only keeps the source's state
     * (a resampler's history) current, which is what saves the resampling of every silent
     * participant of a large room. The default has written it already.
     */
    default void completeFrame(short[] pcm, int offset, int samples, boolean needed) {
    }
}
