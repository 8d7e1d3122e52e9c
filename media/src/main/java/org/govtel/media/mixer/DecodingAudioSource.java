package org.govtel.media.mixer;

import java.util.function.LongSupplier;
import org.govtel.media.codec.AudioCodec;
import org.govtel.media.codec.OpusCodec;
import org.govtel.media.codec.Resampler;
import org.govtel.media.jitter.JitterBuffer;
import org.govtel.media.jitter.PlayoutFrame;
import org.govtel.media.jitter.PlayoutResult;

/**
 * The receive side of one leg as the mixer sees it: each tick takes the next frame from the leg's
 * {@link JitterBuffer}, decodes it (or conceals a loss: Opus from the next packet's FEC, otherwise
 * the codec's PLC) and resamples it to the mixer rate, in two steps so that the mixer pays for
 * resampling only the voices it mixes ({@link #prepareFrame}, {@link #completeFrame}). Allocation-free. {@link #close} frees the
 * decoder (native state for Opus); the mixer calls it after the participant has left.
 */
public final class DecodingAudioSource implements AudioSource, AutoCloseable {

    private final JitterBuffer jitterBuffer;
    private final AudioCodec decoder;
    private final Resampler resampler;
    private final LongSupplier nanoClock;
    private final PlayoutFrame frame;
    private final PlayoutFrame next;
    private final short[] codecPcm;
    private int preparedLevel = UNKNOWN_LEVEL;

    public DecodingAudioSource(JitterBuffer jitterBuffer, AudioCodec codec, int mixerRate, LongSupplier nanoClock) {
        this.jitterBuffer = jitterBuffer;
        this.decoder = codec.newInstance();
        this.nanoClock = nanoClock;
        this.resampler = decoder.sampleRate() == mixerRate ? null
                : Resampler.forFrames(decoder.sampleRate(), mixerRate);
        this.frame = new PlayoutFrame(1500);
        this.next = new PlayoutFrame(1500);
        this.codecPcm = new short[decoder.frameSamples() * 6];
    }

    @Override
    public boolean readFrame(short[] pcm, int offset, int samples) {
        if (!prepareFrame(pcm, offset, samples)) {
            return false;
        }
        completeFrame(pcm, offset, samples, true);
        return true;
    }

    /** Takes the next frame from the jitter buffer and decodes it (or conceals a loss), at the codec's rate. */
    @Override
    public boolean prepareFrame(short[] pcm, int offset, int samples) {
        PlayoutResult result = jitterBuffer.poll(nanoClock.getAsLong(), frame);
        int decoded;
        switch (result) {
            case FRAME -> decoded = decoder.decode(frame.payload(), 0, frame.length(), codecPcm, 0);
            case LOSS -> {
                if (decoder instanceof OpusCodec opus && jitterBuffer.peekNext(next)) {
                    decoded = opus.decodeFec(next.payload(), 0, next.length(), codecPcm, 0);
                } else {
                    decoded = decoder.concealLoss(codecPcm, 0);
                }
            }
            default -> {
                return false;
            }
        }
        int frameSamples = decoder.frameSamples();
        if (decoded < frameSamples) {
            java.util.Arrays.fill(codecPcm, decoded, frameSamples, (short) 0);
        }
        // The level does not depend on the sample rate: measure it before (and instead of) resampling.
        preparedLevel = AudioLevels.levelOf(codecPcm, 0, frameSamples);
        return true;
    }

    @Override
    public int preparedLevel() {
        return preparedLevel;
    }

    /** Resamples the prepared frame to the mixer rate, or, when not needed, only moves the resampler on. */
    @Override
    public void completeFrame(short[] pcm, int offset, int samples, boolean needed) {
        int frameSamples = decoder.frameSamples();
        if (resampler == null) {
            System.arraycopy(codecPcm, 0, pcm, offset, samples);
        } else if (needed) {
            resampler.process(codecPcm, 0, frameSamples, pcm, offset);
        } else {
            resampler.advance(codecPcm, 0, frameSamples);
        }
    }

    /** Frees the decoder. Call only when no tick can read this source any more. */
    @Override
    public void close() {
        decoder.close();
    }
}
