package org.govtel.media.codec;

import club.minnced.opus.util.OpusLibrary;
import com.sun.jna.ptr.PointerByReference;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;
import tomp2p.opuswrapper.Opus;

/**
 * Opus (RFC 6716) through the JNA binding {@code club.minnced:opus-java}, whose jar carries the
 * native libopus. Mono, VoIP application, in-band FEC on (RFC 6716 §2.1.7) with an expected loss
 * that makes the encoder spend bits on it. RTP clock is always 48 kHz (RFC 7587 §4.1), while the PCM
 * side may run at 8, 12, 16, 24 or 48 kHz so a room mixing at 16 kHz needs no resampler.
 *
 * <p>Loss handling: {@link #concealLoss} runs the decoder's own PLC; {@link #decodeFec} recovers a
 * lost frame from the in-band FEC data carried in the packet that follows it.
 */
public final class OpusCodec implements AudioCodec {

    private static final int MAX_PACKET_BYTES = 1275; // RFC 6716 §3.2.1
    private static volatile Boolean available;

    private final int sampleRate;
    private final int bitrate;
    private final int expectedLossPercent;
    private final ShortBuffer pcmBuffer;
    private final ByteBuffer packetBuffer;
    private final byte[] decodeInput = new byte[MAX_PACKET_BYTES];
    private PointerByReference encoder;
    private PointerByReference decoder;

    /** 48 kHz PCM, 32 kbit/s, FEC tuned for 10 % loss. */
    public OpusCodec() {
        this(48000, 32000, 10);
    }

    public OpusCodec(int sampleRate, int bitrate, int expectedLossPercent) {
        if (sampleRate != 8000 && sampleRate != 12000 && sampleRate != 16000
                && sampleRate != 24000 && sampleRate != 48000) {
            throw new IllegalArgumentException("Opus cannot run at " + sampleRate + " Hz");
        }
        this.sampleRate = sampleRate;
        this.bitrate = bitrate;
        this.expectedLossPercent = expectedLossPercent;
        int frameSamples = sampleRate / 50;
        this.pcmBuffer = ByteBuffer.allocateDirect(frameSamples * 2 * 6) // room for 120 ms packets
                .order(ByteOrder.nativeOrder()).asShortBuffer();
        this.packetBuffer = ByteBuffer.allocateDirect(MAX_PACKET_BYTES);
    }

    /** Whether the native libopus could be loaded on this platform (it is only loaded once). */
    public static boolean isAvailable() {
        Boolean known = available;
        if (known == null) {
            synchronized (OpusCodec.class) {
                known = available;
                if (known == null) {
                    known = load();
                    available = known;
                }
            }
        }
        return known;
    }

    private static boolean load() {
        try {
            return OpusLibrary.isInitialized() || OpusLibrary.loadFromJar();
        } catch (IOException | LinkageError | RuntimeException e) {
            return false;
        }
    }

    @Override
    public String encodingName() {
        return "opus";
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    @Override
    public int rtpClockRate() {
        return 48000;
    }

    @Override
    public int staticPayloadType() {
        return -1;
    }

    @Override
    public String formatKey() {
        return "opus/48000@" + sampleRate + "/" + bitrate;
    }

    @Override
    public int maxEncodedFrameBytes() {
        return MAX_PACKET_BYTES;
    }

    @Override
    public int encode(short[] pcm, int pcmOffset, byte[] out, int outOffset) {
        PointerByReference state = encoder();
        int n = frameSamples();
        pcmBuffer.clear();
        pcmBuffer.put(pcm, pcmOffset, n).flip();
        packetBuffer.clear();
        int bytes = Opus.INSTANCE.opus_encode(state, pcmBuffer, n, packetBuffer, MAX_PACKET_BYTES);
        check(bytes, "opus_encode");
        packetBuffer.get(out, outOffset, bytes);
        return bytes;
    }

    @Override
    public int decode(byte[] payload, int payloadOffset, int payloadLength, short[] pcm, int pcmOffset) {
        return decode(payload, payloadOffset, payloadLength, pcm, pcmOffset, false);
    }

    /**
     * Recovers the frame before {@code nextPayload} from the FEC data inside it (RFC 6716 §2.1.7).
     * Call it for a lost frame when the next packet is already in the jitter buffer, then decode
     * the next packet normally.
     */
    public int decodeFec(byte[] nextPayload, int offset, int length, short[] pcm, int pcmOffset) {
        return decode(nextPayload, offset, length, pcm, pcmOffset, true);
    }

    @Override
    public int concealLoss(short[] pcm, int pcmOffset) {
        PointerByReference state = decoder();
        int n = frameSamples();
        pcmBuffer.clear();
        int samples = Opus.INSTANCE.opus_decode(state, null, 0, pcmBuffer, n, 0);
        check(samples, "opus_decode (PLC)");
        pcmBuffer.get(pcm, pcmOffset, samples);
        return samples;
    }

    private int decode(byte[] payload, int offset, int length, short[] pcm, int pcmOffset, boolean fec) {
        PointerByReference state = decoder();
        byte[] input = payload;
        if (offset != 0) {
            System.arraycopy(payload, offset, decodeInput, 0, length);
            input = decodeInput;
        }
        int capacity = fec ? frameSamples() : pcmBuffer.capacity();
        pcmBuffer.clear();
        int samples = Opus.INSTANCE.opus_decode(state, input, length, pcmBuffer, capacity, fec ? 1 : 0);
        check(samples, "opus_decode");
        pcmBuffer.get(pcm, pcmOffset, samples);
        return samples;
    }

    private PointerByReference encoder() {
        if (encoder == null) {
            requireLibrary();
            IntBuffer error = IntBuffer.allocate(1);
            PointerByReference created = Opus.INSTANCE.opus_encoder_create(
                    sampleRate, 1, Opus.OPUS_APPLICATION_VOIP, error);
            check(error.get(0), "opus_encoder_create");
            Opus.INSTANCE.opus_encoder_ctl(created, Opus.OPUS_SET_BITRATE_REQUEST, bitrate);
            Opus.INSTANCE.opus_encoder_ctl(created, Opus.OPUS_SET_INBAND_FEC_REQUEST, 1);
            Opus.INSTANCE.opus_encoder_ctl(created, Opus.OPUS_SET_PACKET_LOSS_PERC_REQUEST, expectedLossPercent);
            encoder = created;
        }
        return encoder;
    }

    private PointerByReference decoder() {
        if (decoder == null) {
            requireLibrary();
            IntBuffer error = IntBuffer.allocate(1);
            PointerByReference created = Opus.INSTANCE.opus_decoder_create(sampleRate, 1, error);
            check(error.get(0), "opus_decoder_create");
            decoder = created;
        }
        return decoder;
    }

    private static void requireLibrary() {
        if (!isAvailable()) {
            throw new IllegalStateException("the native libopus of opus-java cannot be loaded here");
        }
    }

    private static void check(int result, String call) {
        if (result < 0) {
            throw new IllegalStateException(call + " failed with Opus error " + result);
        }
    }

    @Override
    public AudioCodec newInstance() {
        return new OpusCodec(sampleRate, bitrate, expectedLossPercent);
    }

    @Override
    public void close() {
        if (encoder != null) {
            Opus.INSTANCE.opus_encoder_destroy(encoder);
            encoder = null;
        }
        if (decoder != null) {
            Opus.INSTANCE.opus_decoder_destroy(decoder);
            decoder = null;
        }
    }
}
