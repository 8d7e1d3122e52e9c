package org.govtel.media.transport;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import org.govtel.media.rtp.RtpPacket;

/**
 * Events of one {@link RtpSession}. Every method except {@link #onTimeout} is called on the
 * session's event loop thread, so it must not block; {@link #onTimeout} is called by whoever calls
 * {@link RtpSession#checkTimeout()} (the session's own periodic check, or a test).
 */
public interface RtpSessionListener {

    /**
     * An RTP packet from the latched source with an expected payload type.
     *
     * <p>The packet is a view of a pooled receive buffer that is released when this method
     * returns: it is valid during the call only. Copy what must be kept (for example with
     * {@link RtpPacket#copyPayload}) and do not retain the packet or its buffer.
     */
    void onRtp(RtpSession session, RtpPacket packet);

    /**
     * An RTCP compound packet (RFC 3550 §6) from the remote party. The buffer is released when
     * this method returns: valid during the call only.
     */
    default void onRtcp(RtpSession session, ByteBuf packet) {
    }

    /** The session latched onto {@code source} (the first valid packet, or a re-latch). */
    default void onLatched(RtpSession session, InetSocketAddress source) {
    }

    /**
     * The remote sender's SSRC changed (RFC 3550 §8.2: a new source, e.g. after a transfer on the
     * phone side); the session has reset its receive statistics.
     */
    default void onSsrcChange(RtpSession session, int oldSsrc, int newSsrc) {
    }

    /**
     * Nothing valid has arrived for the configured RTP timeout. Called once per silence: it is
     * called again only after media has resumed and stopped again.
     */
    default void onTimeout(RtpSession session) {
    }
}
