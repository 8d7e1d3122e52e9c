package org.govtel.media.sdp;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import org.govtel.media.codec.AudioCodec;
import org.govtel.media.srtp.SrtpParameters;

/**
 * The outcome of an offer/answer exchange for the one audio stream of a call, from our side.
 *
 * @param format                  the audio encoding both sides use
 * @param payloadType             its payload type number on the wire (the offerer's numbering)
 * @param telephoneEventPayloadType RFC 4733 telephone-event payload type, or -1 when not negotiated
 * @param remoteRtp               where to send RTP (the SDP hint; symmetric RTP may correct it), or
 *                                null when the remote gave no usable address (hold with 0.0.0.0)
 * @param remoteRtcp              where to send RTCP: a=rtcp (RFC 3605), else RTP port + 1, else
 *                                the RTP address itself under rtcp-mux; null with remoteRtp null
 * @param rtcpMux                 RTP and RTCP share one port (RFC 5761)
 * @param direction               OUR direction: whether we send and/or receive
 * @param remotePtime             the remote's a=ptime in ms, or -1 (we always send 20 ms)
 * @param audioLevelExtensionId   the RFC 6464 header extension ID both sides agreed, or -1
 * @param srtp                    the SDES-keyed SRTP of the stream (RFC 4568: suite, the remote's key
 *                                for what it sends, ours for what we send), or null for plain RTP
 */
public record NegotiatedMedia(AudioFormat format, int payloadType, int telephoneEventPayloadType,
                              InetSocketAddress remoteRtp, InetSocketAddress remoteRtcp, boolean rtcpMux,
                              MediaDirection direction, int remotePtime, int audioLevelExtensionId,
                              SrtpParameters srtp) {

    /** Plain RTP (no SRTP). */
    public NegotiatedMedia(AudioFormat format, int payloadType, int telephoneEventPayloadType,
                           InetSocketAddress remoteRtp, InetSocketAddress remoteRtcp, boolean rtcpMux,
                           MediaDirection direction, int remotePtime, int audioLevelExtensionId) {
        this(format, payloadType, telephoneEventPayloadType, remoteRtp, remoteRtcp, rtcpMux, direction, remotePtime,
                audioLevelExtensionId, null);
    }

    /** Whether RTP and RTCP are SRTP/SRTCP (RFC 3711) with the keys in {@link #srtp}. */
    public boolean isSecure() {
        return srtp != null;
    }

    /** The RTP clock of the audio and of its telephone-events (RFC 4733 §2.1: they share it). */
    public int clockRate() {
        return format.clockRate();
    }

    public boolean hasTelephoneEvent() {
        return telephoneEventPayloadType >= 0;
    }

    /** Whether we may send media to the remote now (its direction lets it receive and it gave an address). */
    public boolean canSend() {
        return direction.sends() && remoteRtp != null;
    }

    public boolean canReceive() {
        return direction.receives();
    }

    /** A new codec instance for this format; {@code pcmRate} is the mixer's rate (used by Opus). */
    public AudioCodec newCodec(int pcmRate) {
        return format.newCodec(pcmRate);
    }

    /** The payload types to accept from the remote, each with its clock rate (for {@code RtpSessionConfig}). */
    public Map<Integer, Integer> payloadClockRates() {
        Map<Integer, Integer> map = new HashMap<>();
        map.put(payloadType, format.clockRate());
        if (telephoneEventPayloadType >= 0) {
            map.put(telephoneEventPayloadType, format.clockRate());
        }
        return map;
    }
}
