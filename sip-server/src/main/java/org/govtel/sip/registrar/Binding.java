package org.govtel.sip.registrar;

import java.time.Instant;

/**
 * One registered contact of an extension (RFC 3261 §10.3), with the network flow it arrived on:
 * the source address, port and transport of the REGISTER. Requests for the contact are sent to
 * that flow, so phones behind NAT and phones on TCP/TLS connections they opened are reachable.
 */
public record Binding(String aor, String contactUri, String receivedHost, int receivedPort,
                      String transport, Instant expiresAt, String callId, long cseq,
                      float q, String userAgent) {

    public boolean expiredAt(Instant now) {
        return !expiresAt.isAfter(now);
    }

    public long secondsLeft(Instant now) {
        return Math.max(0, expiresAt.getEpochSecond() - now.getEpochSecond());
    }
}
