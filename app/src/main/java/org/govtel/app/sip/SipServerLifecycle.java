package org.govtel.app.sip;

import org.govtel.sip.SipServer;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Opens the SIP ports when the application context is ready and closes them on shutdown.
 * Lifecycle beans start after every singleton is built, so by then Flyway has migrated the
 * database and the demo directory is seeded ({@code DemoDirectoryOnFirstStart}): the first
 * REGISTER already finds its extension and the bindings saved before a restart are restored.
 */
@Component
class SipServerLifecycle implements SmartLifecycle {

    private final SipServer server;
    private volatile boolean running;

    SipServerLifecycle(SipServer server) {
        this.server = server;
    }

    @Override
    public void start() {
        try {
            server.start();
        } catch (Exception e) {
            var c = server.config();
            throw new IllegalStateException("SIP server could not start on " + c.bindAddress() + " udp+tcp "
                    + c.port() + " / tls " + c.tlsPort() + ": " + e.getMessage(), e);
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        server.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the conference bridge (which needs the proxy up for its calls) and after it on shutdown. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 100;
    }
}
