package org.govtel.media.rtcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.govtel.media.rtp.ReceiveStatistics;

/** What an {@link RtcpReporter} needs from the RTP session it reports on (implemented by {@code RtpSession}). */
public interface RtcpEndpoint {

    /** Our SSRC. */
    int localSsrc();

    /** RTP packets sent so far (the SR sender's packet count, RFC 3550 §6.4.1). */
    long packetsSent();

    /** RTP payload octets sent so far (the SR sender's octet count). */
    long payloadOctetsSent();

    /** The RTP timestamp of the last packet sent. */
    long lastSentRtpTimestamp();

    /** When the last packet was sent, in milliseconds of the session's clock, or -1 before any. */
    long lastSentMillis();

    /**
     * Reception statistics of the current remote source, or null before any. Only to be touched on
     * the thread that receives (the reporter runs there).
     */
    ReceiveStatistics receiveStatistics();

    ByteBufAllocator allocator();

    /** Sends a compound RTCP packet, taking ownership of the buffer. */
    boolean sendRtcp(ByteBuf packet);
}
