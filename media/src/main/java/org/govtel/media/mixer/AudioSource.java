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
}
