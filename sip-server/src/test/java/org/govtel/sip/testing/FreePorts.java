package org.govtel.sip.testing;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Finds loopback ports free for both UDP and TCP. JAIN SIP refuses port 0, so tests pick a
 * port first; choosing from a random high range keeps parallel runs from colliding.
 */
public final class FreePorts {

    private FreePorts() {
    }

    /** A port p such that p .. p+count-1 are free on 127.0.0.1 for UDP and TCP. */
    public static int block(int count) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = 20000 + 2 * ThreadLocalRandom.current().nextInt(15000);
            boolean ok = true;
            for (int p = base; p < base + count && ok; p++) {
                ok = free(p);
            }
            if (ok) {
                return base;
            }
        }
        throw new IllegalStateException("no free port block of " + count + " on loopback");
    }

    private static boolean free(int port) {
        try (ServerSocket tcp = new ServerSocket();
             DatagramSocket udp = new DatagramSocket(null)) {
            InetAddress lo = InetAddress.getLoopbackAddress();
            tcp.setReuseAddress(false);
            tcp.bind(new InetSocketAddress(lo, port));
            udp.bind(new InetSocketAddress(lo, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
