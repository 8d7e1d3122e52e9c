package org.govtel.media.leg;

import io.netty.channel.EventLoopGroup;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.govtel.media.transport.PortAllocator;

/**
 * What every {@link AudioLeg} of a media node shares: the RTP event loops, the port range, the
 * address to bind and advertise, the clock, and the timing settings.
 *
 * @param group               Netty event loops for RTP (see {@code UdpTransports.newEventLoopGroup})
 * @param ports               the RTP port range
 * @param localAddress        the address legs bind and put in SDP
 * @param clock               wall clock (RTCP NTP timestamps, timeouts)
 * @param rtpTimeout          silence after which {@link AudioLegListener#onMediaTimeout} fires
 * @param rtcpMinimumInterval the RTCP minimum interval (RFC 3550 §6.2: 5 s; a reduced minimum may be set)
 * @param cname               the RTCP CNAME prefix (§6.5.1); the leg id is appended
 */
public record LegResources(EventLoopGroup group, PortAllocator ports, InetAddress localAddress, Clock clock,
                           Duration rtpTimeout, Duration rtcpMinimumInterval, String cname) {

    public LegResources {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(ports, "ports");
        Objects.requireNonNull(localAddress, "localAddress");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(rtpTimeout, "rtpTimeout");
        Objects.requireNonNull(rtcpMinimumInterval, "rtcpMinimumInterval");
    }

    /** 30 s RTP timeout, the 5 s RTCP minimum, the system clock. */
    public static LegResources of(EventLoopGroup group, PortAllocator ports, InetAddress localAddress) {
        return new LegResources(group, ports, localAddress, Clock.systemUTC(), Duration.ofSeconds(30),
                Duration.ofSeconds(5), "govtel");
    }

    public LegResources withRtcpMinimumInterval(Duration minimum) {
        return new LegResources(group, ports, localAddress, clock, rtpTimeout, minimum, cname);
    }
}
