package org.govtel.media.transport;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What one leg's {@link RtpSession} needs to know.
 *
 * @param localAddress        the address to bind both channels to (127.0.0.1 in tests)
 * @param remoteRtpHint       the RTP address from the remote SDP (c= and m= lines), only a hint
 *                            under symmetric RTP; may be null when not yet known
 * @param payloadClockRates   the payload types accepted from the remote, each with its RTP clock
 *                            rate (for the RFC 3550 A.8 jitter); other payload types are dropped
 *                            and do not latch
 * @param rtpTimeout          silence after which {@link RtpSessionListener#onTimeout} fires
 * @param relatchAfter        silence of the latched source after which a new address that sends
 *                            with the same SSRC is latched onto (a NAT rebinding); null disables
 * @param timeoutCheckPeriod  how often the session checks the timeout on its event loop; null for
 *                            none (then the owner calls {@link RtpSession#checkTimeout()})
 * @param rtcpMux             RTP and RTCP share the RTP port (RFC 5761): RTCP is recognised on it by
 *                            the packet type byte (payload types 64–95, §4) and sent from it
 */
public record RtpSessionConfig(InetAddress localAddress, InetSocketAddress remoteRtpHint,
                               Map<Integer, Integer> payloadClockRates, Duration rtpTimeout,
                               Duration relatchAfter, Duration timeoutCheckPeriod, boolean rtcpMux) {

    /** A config without rtcp-mux. */
    public RtpSessionConfig(InetAddress localAddress, InetSocketAddress remoteRtpHint,
                            Map<Integer, Integer> payloadClockRates, Duration rtpTimeout,
                            Duration relatchAfter, Duration timeoutCheckPeriod) {
        this(localAddress, remoteRtpHint, payloadClockRates, rtpTimeout, relatchAfter, timeoutCheckPeriod, false);
    }

    public RtpSessionConfig {
        Objects.requireNonNull(localAddress, "localAddress");
        Objects.requireNonNull(rtpTimeout, "rtpTimeout");
        payloadClockRates = Map.copyOf(payloadClockRates);
        if (payloadClockRates.isEmpty()) {
            throw new IllegalArgumentException("no payload type accepted");
        }
        for (Map.Entry<Integer, Integer> e : payloadClockRates.entrySet()) {
            if (e.getKey() < 0 || e.getKey() > 127 || e.getValue() <= 0) {
                throw new IllegalArgumentException("bad payload type/clock rate " + e);
            }
            if (rtcpMux && e.getKey() >= 64 && e.getKey() <= 95) {
                // RFC 5761 §4: these payload types collide with RTCP packet types under multiplexing
                throw new IllegalArgumentException("payload type " + e.getKey() + " cannot be used with rtcp-mux");
            }
        }
    }

    /** A config with a 30 s timeout, checked every second, and re-latching after 2 s of silence. */
    public static RtpSessionConfig of(InetAddress localAddress, InetSocketAddress remoteRtpHint,
                                      Map<Integer, Integer> payloadClockRates) {
        return new RtpSessionConfig(localAddress, remoteRtpHint, payloadClockRates, Duration.ofSeconds(30),
                Duration.ofSeconds(2), Duration.ofSeconds(1));
    }

    public RtpSessionConfig withRemoteRtpHint(InetSocketAddress hint) {
        return new RtpSessionConfig(localAddress, hint, payloadClockRates, rtpTimeout, relatchAfter,
                timeoutCheckPeriod, rtcpMux);
    }

    public RtpSessionConfig withTimeouts(Duration timeout, Duration relatch, Duration checkPeriod) {
        return new RtpSessionConfig(localAddress, remoteRtpHint, payloadClockRates, timeout, relatch, checkPeriod,
                rtcpMux);
    }

    public RtpSessionConfig withRtcpMux(boolean mux) {
        return new RtpSessionConfig(localAddress, remoteRtpHint, payloadClockRates, rtpTimeout, relatchAfter,
                timeoutCheckPeriod, mux);
    }

    public RtpSessionConfig withPayloadClockRates(Map<Integer, Integer> rates) {
        return new RtpSessionConfig(localAddress, remoteRtpHint, rates, rtpTimeout, relatchAfter,
                timeoutCheckPeriod, rtcpMux);
    }
}
