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
 */
public record BridgeConfig(String bindAddress, String advertisedAddress, int sipPort, int rtpPortMin, int rtpPortMax,
                           Duration pinTimeout, String proxyHost, int proxyPort, Duration rtpTimeout,
                           int maxParticipants) {

    public static BridgeConfig defaults(String address, int sipPort, int rtpPortMin, int rtpPortMax, int proxyPort) {
        return new BridgeConfig(address, address, sipPort, rtpPortMin, rtpPortMax, Duration.ofSeconds(20), address,
                proxyPort, Duration.ofSeconds(30), 500);
    }

    public BridgeConfig withPinTimeout(Duration timeout) {
        return new BridgeConfig(bindAddress, advertisedAddress, sipPort, rtpPortMin, rtpPortMax, timeout, proxyHost,
                proxyPort, rtpTimeout, maxParticipants);
    }

    public BridgeConfig withRtpTimeout(Duration timeout) {
        return new BridgeConfig(bindAddress, advertisedAddress, sipPort, rtpPortMin, rtpPortMax, pinTimeout, proxyHost,
                proxyPort, timeout, maxParticipants);
    }

    public BridgeConfig withMaxParticipants(int max) {
        return new BridgeConfig(bindAddress, advertisedAddress, sipPort, rtpPortMin, rtpPortMax, pinTimeout, proxyHost,
                proxyPort, rtpTimeout, max);
    }

    /** The SIP URI the dial plan sends a room's calls to. */
    public String roomUri(String roomNumber) {
        String host = advertisedAddress.contains(":") ? "[" + advertisedAddress + "]" : advertisedAddress;
        return "sip:" + roomNumber + "@" + host + ":" + sipPort;
    }
}
