package org.govtel.media.codec;

/**
 * ITU-T G.722 at 64 kbit/s: 16 kHz audio, RTP payload type 9 with an RTP clock of 8000 Hz
 * (RFC 3551 §4.5.2 keeps the clock rate that was erroneously registered). A 20 ms frame is 320
 * samples and 160 octets. Our own Java implementation (libjitsi's needs a JNI library that is not
 * published for linux-x86-64; STACK.md trap 5).
 */
public final class G722Codec implements AudioCodec {

    private static final int SAMPLE_RATE = 16000;

    private final G722Encoder encoder = new G722Encoder();
    private final G722Decoder decoder = new G722Decoder();
    private final FrameRepeatConcealer concealer = new FrameRepeatConcealer(SAMPLE_RATE / 50);

    @Override
    public String encodingName() {
        return "G722";
    }

    @Override
    public int sampleRate() {
        return SAMPLE_RATE;
    }

    @Override
    public int rtpClockRate() {
        return 8000;
    }

    @Override
    public int staticPayloadType() {
        return 9;
    }

    @Override
    public int maxEncodedFrameBytes() {
        return frameSamples() / 2;
    }

    @Override
    public int encode(short[] pcm, int pcmOffset, byte[] out, int outOffset) {
        return encoder.encode(pcm, pcmOffset, frameSamples(), out, outOffset);
    }

    @Override
    public int decode(byte[] payload, int payloadOffset, int payloadLength, short[] pcm, int pcmOffset) {
        int samples = decoder.decode(payload, payloadOffset, payloadLength, pcm, pcmOffset);
        concealer.rememberGoodFrame(pcm, pcmOffset, samples);
        return samples;
    }

    @Override
    public int concealLoss(short[] pcm, int pcmOffset) {
        // The concealed frame is not run through the decoder, so its ADPCM state simply continues
        // from the last real packet; G.722's predictor adapts back within a few milliseconds.
        return concealer.conceal(pcm, pcmOffset);
    }

    @Override
    public AudioCodec newInstance() {
        return new G722Codec();
    }
}
