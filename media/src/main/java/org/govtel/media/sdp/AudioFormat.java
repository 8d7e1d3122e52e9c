package org.govtel.media.sdp;

import org.govtel.media.codec.AudioCodec;
import org.govtel.media.codec.G711Codec;
import org.govtel.media.codec.G722Codec;
import org.govtel.media.codec.OpusCodec;

/**
 * The audio encodings the media engine can send and receive, with their SDP names (RFC 3551
 * table 4, RFC 7587 §7 for Opus) and the payload type we use in our own offers.
 */
public enum AudioFormat {
    /** G.711 μ-law, static payload type 0. */
    PCMU("PCMU", 8000, 1, 0),
    /** G.711 A-law, static payload type 8. */
    PCMA("PCMA", 8000, 1, 8),
    /** G.722, static payload type 9, RTP clock 8000 although sampled at 16 kHz (RFC 3551 §4.5.2). */
    G722("G722", 8000, 1, 9),
    /** Opus, dynamic; always {@code opus/48000/2} in SDP (RFC 7587 §7), sent mono. */
    OPUS("opus", 48000, 2, 111);

    private final String encodingName;
    private final int clockRate;
    private final int channels;
    private final int offerPayloadType;

    AudioFormat(String encodingName, int clockRate, int channels, int offerPayloadType) {
        this.encodingName = encodingName;
        this.clockRate = clockRate;
        this.channels = channels;
        this.offerPayloadType = offerPayloadType;
    }

    public String encodingName() {
        return encodingName;
    }

    /** The RTP clock rate. */
    public int clockRate() {
        return clockRate;
    }

    public int channels() {
        return channels;
    }

    /** The payload type we put in our own offers (the static one, or our choice of dynamic type). */
    public int offerPayloadType() {
        return offerPayloadType;
    }

    public boolean isStatic() {
        return offerPayloadType < 96;
    }

    /** The fmtp parameters we put in our SDP, or null. */
    public String fmtp() {
        // RFC 7587 §6.1: we can use in-band FEC and want it; we send mono.
        return this == OPUS ? "minptime=10;useinbandfec=1" : null;
    }

    /** Whether an rtpmap (or a static payload type without one) names this format. */
    public boolean matches(RtpMap map) {
        if (map == null || !map.matches(encodingName, clockRate)) {
            return false;
        }
        // RFC 7587 §7: opus is always declared with 2 channels; accept 1 from sloppy peers too.
        return this == OPUS || map.channels() == 1;
    }

    /**
     * A new codec instance. {@code pcmRate} is the rate the caller would like the PCM side to run at
     * (the mixer's rate); only Opus can honour it, the others have a fixed rate.
     */
    public AudioCodec newCodec(int pcmRate) {
        switch (this) {
            case PCMU:
                return G711Codec.pcmu();
            case PCMA:
                return G711Codec.pcma();
            case G722:
                return new G722Codec();
            default:
                int rate = pcmRate == 8000 || pcmRate == 12000 || pcmRate == 16000 || pcmRate == 24000
                        ? pcmRate : 48000;
                return new OpusCodec(rate, 32000, 10);
        }
    }
}
