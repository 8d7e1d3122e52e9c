package org.govtel.media.mixer;

/** A test participant's voice: a continuous tone (or silence when frequency is 0), or nothing at all. */
final class ToneSource implements AudioSource {

    private final int sampleRate;
    volatile double frequency;
    volatile double amplitude;
    volatile boolean sending = true;
    private long position;

    ToneSource(int sampleRate, double frequency, double amplitude) {
        this.sampleRate = sampleRate;
        this.frequency = frequency;
        this.amplitude = amplitude;
    }

    /** The next {@code samples} of this tone as one array (for reference signals in tests). */
    short[] frame(int samples) {
        short[] out = new short[samples];
        readFrame(out, 0, samples);
        return out;
    }

    @Override
    public boolean readFrame(short[] pcm, int offset, int samples) {
        if (!sending) {
            return false;
        }
        double w = 2 * Math.PI * frequency / sampleRate;
        for (int i = 0; i < samples; i++) {
            pcm[offset + i] = (short) Math.round(amplitude * Math.sin(w * (position + i)));
        }
        position += samples;
        return true;
    }
}
