package org.govtel.media.codec;

/** G.711 μ-law at 8 kHz, RTP payload type 0 (RFC 3551 §4.5.14). Stateless apart from its PLC. */
public final class PcmuCodec implements AudioCodec {

    private static final int SAMPLE_RATE = 8000;

    private final FrameRepeatConcealer concealer = new FrameRepeatConcealer(SAMPLE_RATE / 50);

    @Override
    public String encodingName() {
        return "PCMU";
    }

    @Override
    public int sampleRate() {
        return SAMPLE_RATE;
    }

    @Override
    public int rtpClockRate() {
        return SAMPLE_RATE;
    }

    @Override
    public int staticPayloadType() {
        return 0;
    }

    @Override
    public int maxEncodedFrameBytes() {
        return frameSamples();
    }

    @Override
    public int encode(short[] pcm, int pcmOffset, byte[] out, int outOffset) {
        int n = frameSamples();
        for (int i = 0; i < n; i++) {
            out[outOffset + i] = (byte) G711.linearToUlaw(pcm[pcmOffset + i]);
        }
        return n;
    }

    @Override
    public int decode(byte[] payload, int payloadOffset, int payloadLength, short[] pcm, int pcmOffset) {
        for (int i = 0; i < payloadLength; i++) {
            pcm[pcmOffset + i] = (short) G711.ulawToLinear(payload[payloadOffset + i]);
        }
        concealer.rememberGoodFrame(pcm, pcmOffset, payloadLength);
        return payloadLength;
    }

    @Override
    public int concealLoss(short[] pcm, int pcmOffset) {
        return concealer.conceal(pcm, pcmOffset);
    }

    @Override
    public AudioCodec newInstance() {
        return new PcmuCodec();
    }
}
