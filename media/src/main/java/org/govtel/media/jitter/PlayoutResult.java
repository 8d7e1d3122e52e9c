package org.govtel.media.jitter;

/** What {@link JitterBuffer#poll} produced for one 20 ms playout tick. */
public enum PlayoutResult {
    /** A packet's payload is in the frame: decode it. */
    FRAME,
    /** The packet for this tick is missing or late: conceal it (PLC, or FEC from the next packet). */
    LOSS,
    /** Nothing to play: the buffer is filling up to its target delay, or the source is idle. */
    SILENCE
}
