package org.govtel.media.sdp;

/**
 * A connection line {@code c=<nettype> <addrtype> <connection-address>} (RFC 4566 §5.7).
 *
 * @param address the address as written (a TTL or count suffix of multicast is kept as is)
 */
public record Connection(String netType, String addressType, String address) {

    /** An {@code IN IP4} or {@code IN IP6} connection for {@code address}. */
    public static Connection of(java.net.InetAddress address) {
        return new Connection("IN", address instanceof java.net.Inet6Address ? "IP6" : "IP4",
                address.getHostAddress());
    }

    /**
     * Whether this is the RFC 2543 way of putting a call on hold, {@code c=IN IP4 0.0.0.0} (still sent
     * by some phones; RFC 3264 §8.4 asks answerers to understand it).
     */
    public boolean isHoldAddress() {
        return "0.0.0.0".equals(address) || "::".equals(address);
    }

    @Override
    public String toString() {
        return netType + " " + addressType + " " + address;
    }
}
