package org.govtel.media.codec;

/**
 * A simple packet loss concealment for codecs without their own: the last good frame is repeated
 * with a gain that falls by a half per lost frame, and silence follows after
 * {@value #MAX_REPEATED_FRAMES} frames (in the spirit of ITU-T G.711 Appendix I, which also
 * attenuates and then mutes a long erasure, without its pitch-period waveform substitution).
 */
final class FrameRepeatConcealer {

    static final int MAX_REPEATED_FRAMES = 3;

    private final short[] lastFrame;
    private int lostInARow;

    FrameRepeatConcealer(int frameSamples) {
        this.lastFrame = new short[frameSamples];
    }

    /** Remembers a frame that was decoded from a real packet. */
    void rememberGoodFrame(short[] pcm, int offset, int samples) {
        int n = Math.min(samples, lastFrame.length);
        System.arraycopy(pcm, offset, lastFrame, 0, n);
        lostInARow = 0;
    }

    int conceal(short[] pcm, int offset) {
        lostInARow++;
        int n = lastFrame.length;
        if (lostInARow > MAX_REPEATED_FRAMES) {
            java.util.Arrays.fill(pcm, offset, offset + n, (short) 0);
            return n;
        }
        int shift = lostInARow; // gain 1/2, 1/4, 1/8
        for (int i = 0; i < n; i++) {
            pcm[offset + i] = (short) (lastFrame[i] >> shift);
        }
        return n;
    }
}
