package org.govtel.media.codec;

/**
 * One audio codec instance working on 20 ms frames of 16-bit mono linear PCM.
 *
 * <p>An instance keeps the encoder and decoder state of one stream (ADPCM predictors, Opus
 * states), so each leg (and each shared mix) needs its own: use {@link #newInstance()}. Instances
 * are not thread-safe. {@code encode} and {@code decode} allocate nothing.
 */
public interface AudioCodec extends AutoCloseable {

    /** Frame duration every codec here works with (RFC 3551 §4.5 default packetization). */
    int FRAME_MILLIS = 20;

    /** The SDP/RTP encoding name (RFC 3551 §6, RFC 7587 for Opus), e.g. {@code PCMU}. */
    String encodingName();

    /** Rate of the PCM this codec consumes and produces, in Hz. */
    int sampleRate();

    /**
     * Rate of the RTP timestamp clock. Not always the sample rate: G.722 uses 8000 (RFC 3551 §4.5.2)
     * and Opus always 48000 (RFC 7587 §4.1).
     */
    int rtpClockRate();

    /** The static payload type (RFC 3551 table 4), or -1 when the type is dynamic. */
    int staticPayloadType();

    /** PCM samples in one 20 ms frame. */
    default int frameSamples() {
        return sampleRate() * FRAME_MILLIS / 1000;
    }

    /** RTP timestamp increment of one 20 ms frame. */
    default int frameTimestampIncrement() {
        return rtpClockRate() * FRAME_MILLIS / 1000;
    }

    /** Upper bound of the bytes {@link #encode} writes for one frame. */
    int maxEncodedFrameBytes();

    /**
     * Encodes one frame of {@link #frameSamples()} samples.
     *
     * @return bytes written to {@code out} from {@code outOffset}
     */
    int encode(short[] pcm, int pcmOffset, byte[] out, int outOffset);

    /**
     * Decodes one RTP payload.
     *
     * @return samples written to {@code pcm} from {@code pcmOffset}
     */
    int decode(byte[] payload, int payloadOffset, int payloadLength, short[] pcm, int pcmOffset);

    /**
     * Produces one frame to stand in for a lost packet (packet loss concealment). The default
     * repeats the last decoded frame with a falling gain and goes silent after a few frames;
     * codecs with their own PLC (Opus) override it.
     *
     * @return samples written, always {@link #frameSamples()}
     */
    int concealLoss(short[] pcm, int pcmOffset);

    /** A fresh instance of the same codec and settings, with its own state. */
    AudioCodec newInstance();

    /** A key naming the encoded format: two instances with equal keys produce interchangeable payloads. */
    default String formatKey() {
        return encodingName() + "/" + rtpClockRate();
    }

    @Override
    default void close() {
    }
}
