package org.govtel.media.mixer;

import org.govtel.media.codec.AudioCodec;
import org.govtel.media.codec.Resampler;

/**
 * The listeners of one room that share an encoded format: the shared mix is resampled and encoded
 * once per tick for all of them, however many they are.
 */
final class CodecGroup {

    final String formatKey;
    private final AudioCodec encoder;
    private final Resampler resampler; // null when the codec runs at the mixer rate
    private final short[] codecPcm;
    final byte[] encoded;
    int encodedLength;
    long encodedTick = -1;
    int members;

    CodecGroup(AudioCodec prototype, int mixerRate, int mixerFrameSamples) {
        this.formatKey = prototype.formatKey();
        this.encoder = prototype.newInstance();
        this.resampler = encoder.sampleRate() == mixerRate ? null
                : new Resampler(mixerRate, encoder.sampleRate(), mixerFrameSamples);
        this.codecPcm = new short[encoder.frameSamples()];
        this.encoded = new byte[encoder.maxEncodedFrameBytes()];
    }

    /** Encodes the shared mix once for this tick. */
    void encodeOnce(long tick, short[] mix, int mixSamples) {
        if (encodedTick == tick) {
            return;
        }
        short[] pcm = mix;
        if (resampler != null) {
            resampler.process(mix, 0, mixSamples, codecPcm, 0);
            pcm = codecPcm;
        }
        encodedLength = encoder.encode(pcm, 0, encoded, 0);
        encodedTick = tick;
    }

    void close() {
        encoder.close();
    }
}
