package org.govtel.sip.registrar;

import java.time.Instant;
import java.util.Objects;

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

    /**
     * Whether this binding is {@code earlier} moved on in time only: same contact reached over the
     * same flow, with the same priority and user agent. Call-ID and CSeq may differ: they only
     * order REGISTERs while the server runs (RFC 3261 §10.3 step 7), and a phone that
     * re-registers with a new Call-ID is still the same binding.
     */
    public boolean refreshes(Binding earlier) {
        return aor.equals(earlier.aor) && contactUri.equals(earlier.contactUri)
                && receivedHost.equals(earlier.receivedHost) && receivedPort == earlier.receivedPort
                && transport.equals(earlier.transport)
                && q == earlier.q && Objects.equals(userAgent, earlier.userAgent);
    }

    public long secondsLeft(Instant now) {
        return Math.max(0, expiresAt.getEpochSecond() - now.getEpochSecond());
    }
}
