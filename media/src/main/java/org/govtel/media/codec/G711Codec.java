package org.govtel.media.codec;

/**
 * G.711 at 8 kHz (RFC 3551 §4.5.14): μ-law as RTP payload type 0 (PCMU) or A-law as payload
 * type 8 (PCMA). Stateless apart from its loss concealment.
 */
public final class G711Codec implements AudioCodec {

    /** The two companding laws of ITU-T G.711. */
    public enum Law { ULAW, ALAW }

    private static final int SAMPLE_RATE = 8000;

    private final Law law;
    private final FrameRepeatConcealer concealer = new FrameRepeatConcealer(SAMPLE_RATE / 50);

    public G711Codec(Law law) {
        this.law = law;
    }

    /** PCMU: μ-law, payload type 0. */
    public static G711Codec pcmu() {
        return new G711Codec(Law.ULAW);
    }

    /** PCMA: A-law, payload type 8. */
    public static G711Codec pcma() {
        return new G711Codec(Law.ALAW);
    }

    @Override
    public String encodingName() {
        return law == Law.ULAW ? "PCMU" : "PCMA";
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
        return law == Law.ULAW ? 0 : 8;
    }

    @Override
    public int maxEncodedFrameBytes() {
        return frameSamples();
    }

    @Override
    public int encode(short[] pcm, int pcmOffset, byte[] out, int outOffset) {
        int n = frameSamples();
        for (int i = 0; i < n; i++) {
            int s = pcm[pcmOffset + i];
            out[outOffset + i] = (byte) (law == Law.ULAW ? G711.linearToUlaw(s) : G711.linearToAlaw(s));
        }
        return n;
    }

    @Override
    public int decode(byte[] payload, int payloadOffset, int payloadLength, short[] pcm, int pcmOffset) {
        for (int i = 0; i < payloadLength; i++) {
            byte b = payload[payloadOffset + i];
            pcm[pcmOffset + i] = (short) (law == Law.ULAW ? G711.ulawToLinear(b) : G711.alawToLinear(b));
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
        return new G711Codec(law);
    }
}
