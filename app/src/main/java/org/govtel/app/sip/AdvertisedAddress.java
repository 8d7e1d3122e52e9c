package org.govtel.app.sip;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The address the SIP server puts in Via and Record-Route. Phones must be able to reach it, so
 * a wildcard bind address (0.0.0.0) cannot be advertised; then the host's first non-loopback
 * IPv4 address is the best guess, and operators of multi-homed hosts set it explicitly.
 */
final class AdvertisedAddress {

    private static final String LOOPBACK = "127.0.0.1";

    private AdvertisedAddress() {
    }

    static String resolve(String bindAddress, String configured) {
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        if (!isWildcard(bindAddress)) {
            return bindAddress;
        }
        return firstNonLoopbackIpv4().orElse(LOOPBACK);
    }

    static boolean isWildcard(String address) {
        return address.equals("0.0.0.0") || address.equals("::") || address.equals("0:0:0:0:0:0:0:0");
    }

    private static Optional<String> firstNonLoopbackIpv4() {
        try {
            // Interfaces in index order, so the choice is the same on every start.
            List<NetworkInterface> interfaces = NetworkInterface.networkInterfaces()
                    .sorted(Comparator.comparingInt(NetworkInterface::getIndex)).toList();
            for (NetworkInterface nic : interfaces) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress a : nic.inetAddresses().toList()) {
                    if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                        return Optional.of(a.getHostAddress());
                    }
                }
            }
        } catch (SocketException e) {
            // No interface list: fall back to loopback, which at least works on this host.
        }
        return Optional.empty();
    }
}
