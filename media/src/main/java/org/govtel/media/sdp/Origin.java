package org.govtel.media.sdp;

/**
 * The origin line {@code o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>}
 * (RFC 4566 §5.2). Session id and version are kept as text: phones send numbers longer than a long.
 */
public record Origin(String username, String sessionId, String sessionVersion, String netType, String addressType,
                     String address) {

    @Override
    public String toString() {
        return username + " " + sessionId + " " + sessionVersion + " " + netType + " " + addressType + " " + address;
    }
}
