package org.govtel.conference.bridge;

import java.time.Duration;

/**
 * Settings of the conference bridge's SIP user agent.
 *
 * @param bindAddress       the address its SIP and RTP sockets bind to (0.0.0.0: every interface)
 * @param advertisedAddress the address it gives out: in its Contact, in SDP, in the room URI the
 *                          proxy routes to
 * @param sipPort           its SIP port (UDP and TCP)
 * @param rtpPortMin        first port of its RTP range (even ports; RTCP on the next odd one)
 * @param rtpPortMax        last port of that range
 * @param pinTimeout        how long a caller may take to enter a PIN before it counts as a wrong one
 * @param proxyHost         the SIP proxy that dial-out calls go through (it trusts the bridge)
 * @param proxyPort         its UDP port
 * @param rtpTimeout        silence (no RTP at all) after which a caller counts as gone and is hung up
 * @param maxParticipants   people one meeting may hold; a call beyond it gets 486 (room full)
 * @param mixerRealtimePriority SCHED_RR priority (1-99) of the threads that tick the rooms' mixers, 0 for none
 */
public record BridgeConfig(String bindAddress, String advertisedAddress, int sipPort, int rtpPortMin, int rtpPortMax,
                           Duration pinTimeout, String proxyHost, int proxyPort, Duration rtpTimeout,
                           int maxParticipants, int mixerRealtimePriority) {

    /** The mixer threads' real-time priority unless configured: low among real-time threads, above every normal one. */
    public static final int DEFAULT_MIXER_REALTIME_PRIORITY = 10;

    public static BridgeConfig defaults(String address, int sipPort, int rtpPortMin, int rtpPortMax, int proxyPort) {
        return new BridgeConfig(address, address, sipPort, rtpPortMin, rtpPortMax, Duration.ofSeconds(20), address,
                proxyPort, Duration.ofSeconds(30), 500, DEFAULT_MIXER_REALTIME_PRIORITY);
    }

    public BridgeConfig withPinTimeout(Duration timeout) {
        return new BridgeConfig(bindAddress, advertisedAddress, sipPort, rtpPortMin, rtpPortMax, timeout, proxyHost,
                proxyPort, rtpTimeout, maxParticipants, mixerRealtimePriority);
    }

    public BridgeConfig withRtpTimeout(Duration timeout) {
        return new BridgeConfig(bindAddress, advertisedAddress, sipPort, rtpPortMin, rtpPortMax, pinTimeout, proxyHost,
                proxyPort, timeout, maxParticipants, mixerRealtimePriority);
    }

    public BridgeConfig withMaxParticipants(int max) {
        return new BridgeConfig(bindAddress, advertisedAddress, sipPort, rtpPortMin, rtpPortMax, pinTimeout, proxyHost,
                proxyPort, rtpTimeout, max, mixerRealtimePriority);
    }

    /** The SIP URI the dial plan sends a room's calls to. */
    public String roomUri(String roomNumber) {
        String host = advertisedAddress.contains(":") ? "[" + advertisedAddress + "]" : advertisedAddress;
        return "sip:" + roomNumber + "@" + host + ":" + sipPort;
    }
}
