package org.govtel.app.conference;

import java.net.InetAddress;
import org.govtel.conference.bridge.BridgeUserAgent;
import org.govtel.sip.SipServer;
import org.springframework.context.SmartLifecycle;

/**
 * Opens the bridge's SIP port with the application and closes it (hanging up every call) on
 * shutdown, before the SIP server stops. The SIP server trusts the bridge's address and port,
 * so its dial-out calls are routed without a phone's credentials.
 */
final class BridgeLifecycle implements SmartLifecycle {

    private final BridgeUserAgent bridge;
    private final SipServer sip;
    private volatile boolean running;

    BridgeLifecycle(BridgeUserAgent bridge, SipServer sip) {
        this.bridge = bridge;
        this.sip = sip;
    }

    @Override
    public void start() {
        var c = bridge.config();
        try {
            bridge.start();
            sip.trustedPeers().trust(InetAddress.getByName(c.advertisedAddress()), c.sipPort());
        } catch (Exception e) {
            throw new IllegalStateException("Conference bridge could not start on " + c.bindAddress() + " udp+tcp "
                    + c.sipPort() + ": " + e.getMessage(), e);
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        bridge.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts after and stops before the SIP server (a lower phase), so the calls' BYEs still pass the proxy. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }
}
