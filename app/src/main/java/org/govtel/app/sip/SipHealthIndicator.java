package org.govtel.app.sip;

import org.govtel.sip.SipServer;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/** {@code /actuator/health} component "sip": up while the SIP ports are open. */
@Component("sip")
class SipHealthIndicator extends AbstractHealthIndicator {

    private final SipServerLifecycle lifecycle;
    private final SipServer server;

    SipHealthIndicator(SipServerLifecycle lifecycle, SipServer server) {
        this.lifecycle = lifecycle;
        this.server = server;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        if (!lifecycle.isRunning()) {
            health.down();
            return;
        }
        health.up()
                .withDetail("port", server.config().port())
                .withDetail("tlsPort", server.config().tlsPort())
                .withDetail("registeredExtensions", server.location().registeredExtensions());
    }
}
