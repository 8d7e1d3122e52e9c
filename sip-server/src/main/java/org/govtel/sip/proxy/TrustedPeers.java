package org.govtel.sip.proxy;

import java.net.InetAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SIP entities of our own that place calls without a phone's credentials: the conference bridge
 * dialing out to a county meeting room. A new request whose packet comes from a trusted
 * address and port skips the caller check and the 407 challenge (the caller is not an
 * extension) and is routed with full numbers only. Trust is by transport source, the way
 * Kamailio's permissions module trusts peers: fit for GovTel's own components on the private
 * network, which is where the application registers them.
 */
public final class TrustedPeers {

    private final Set<String> peers = ConcurrentHashMap.newKeySet();

    public void trust(InetAddress address, int port) {
        peers.add(key(address.getHostAddress(), port));
    }

    public void forget(InetAddress address, int port) {
        peers.remove(key(address.getHostAddress(), port));
    }

    boolean isTrusted(InetAddress address, int port) {
        return !peers.isEmpty() && address != null && peers.contains(key(address.getHostAddress(), port));
    }

    private static String key(String host, int port) {
        return host + "|" + port;
    }
}
