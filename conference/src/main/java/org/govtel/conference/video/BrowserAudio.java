package org.govtel.conference.video;

import java.security.SecureRandom;
import org.govtel.conference.bridge.RoomAudio;
import org.govtel.media.codec.OpusCodec;
import org.govtel.media.jitter.JitterBuffer;
import org.govtel.media.jitter.JitterBufferConfig;
import org.govtel.media.mixer.DecodingAudioSource;
import org.govtel.media.mixer.MixedAudioSink;
import org.govtel.media.mixer.MixerParticipant;
import org.govtel.media.rtp.RtpBytes;
import org.govtel.media.webrtc.WebRtcTransport;

/**
 * A browser's voice in the room's mix, the same mix the phones that dialed the room number are in:
 * its Opus goes through a jitter buffer and decoder into the mixer, and the mixer's N−1 mix comes
 * back as one Opus stream with our own SSRC (RFC 7587 payload, 48 kHz RTP clock).
 */
final class BrowserAudio implements MixedAudioSink, AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String room;
    private final RoomAudio roomAudio;
    private final WebRtcTransport transport;
    private final int payloadType;
    private final int ssrc;
    private final JitterBuffer jitter;
    private final MixerParticipant participant;
    private final int timestampIncrement;
    /** Tick thread only. */
    private final byte[] out = new byte[12 + 1275 + WebRtcTransport.SEND_OVERHEAD];
    private int sequence = RANDOM.nextInt(1 << 16);
    private long timestamp = RANDOM.nextInt() & 0xFFFF_FFFFL;
    private boolean sentFirst;

    BrowserAudio(String room, String id, RoomAudio roomAudio, WebRtcTransport transport, int payloadType, int ssrc,
                 int mixerRate) {
        this.room = room;
        this.roomAudio = roomAudio;
        this.transport = transport;
        this.payloadType = payloadType;
        this.ssrc = ssrc;
        OpusCodec codec = new OpusCodec(mixerRate, 32000, 10);
        this.timestampIncrement = codec.frameTimestampIncrement();
        this.jitter = new JitterBuffer(JitterBufferConfig.defaults(codec.rtpClockRate()));
        DecodingAudioSource source = new DecodingAudioSource(jitter, codec, mixerRate, System::nanoTime);
        this.participant = roomAudio.join(room, "browser-" + id, codec, source, this);
    }

    MixerParticipant participant() {
        return participant;
    }

    /** A plain RTP packet of the browser's Opus, on the transport's event loop. */
    void receive(byte[] p, int off, int len) {
        int payload = RtpBytes.payloadOffset(p, off, len);
        int end = payload < 0 ? -1 : RtpBytes.payloadEnd(p, off, len);
        if (payload < 0 || end <= payload) {
            return;
        }
        jitter.offer(RtpBytes.ssrc(p, off), RtpBytes.sequence(p, off), RtpBytes.timestamp(p, off),
                RtpBytes.payloadType(p, off), RtpBytes.marker(p, off), p, payload, end - payload, System.nanoTime());
    }

    /** The mixer's 20 ms for this browser, on the mixer's tick thread. */
    @Override
    public void deliver(MixerParticipant who, byte[] payload, int length, boolean shared) {
        if (length <= 0 || length > 1275) {
            return;
        }
        RtpBytes.writeHeader(out, 0, !sentFirst, payloadType, sequence, timestamp, ssrc);
        System.arraycopy(payload, 0, out, 12, length);
        sequence = (sequence + 1) & 0xFFFF;
        timestamp = (timestamp + timestampIncrement) & 0xFFFF_FFFFL;
        if (transport.sendRtp(out, 0, 12 + length)) {
            sentFirst = true;
        }
    }

    boolean isSpeaking() {
        return participant.isSpeaking();
    }

    @Override
    public void close() {
        roomAudio.leave(room, participant);
    }
}
