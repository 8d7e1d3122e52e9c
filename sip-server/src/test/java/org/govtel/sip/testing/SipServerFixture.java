package org.govtel.sip.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.govtel.sip.SipServer;
import org.govtel.sip.SipServerConfig;
import org.govtel.sip.registrar.BindingStore;

/**
 * One SIP server on free loopback ports with a small directory, started once per test class:
 * site "seat" (prefix 10, 4 local digits) with 100101..100104, site "huocheng" (prefix 13) with
 * 130201, and service number 800000 routed to extension 100104 (the operator's desk).
 */
public final class SipServerFixture implements AutoCloseable {

    public static final String PASSWORD = "s3cret-pass";

    public final InMemoryDirectory directory = new InMemoryDirectory("govtel")
            .site("seat", "10", 4)
            .site("huocheng", "13", 4)
            .extension("100101", PASSWORD, "seat")
            .extension("100102", PASSWORD, "seat")
            .extension("100103", PASSWORD, "seat")
            .extension("100104", PASSWORD, "seat")
            .extension("130201", PASSWORD, "huocheng")
            .service("800000", "Operator", "100104");
    public final Path dataDir;
    public final int port;
    public final SipServer server;

    public SipServerFixture(Clock clock, Duration noAnswerTimeout, BindingStore store) throws Exception {
        dataDir = Files.createTempDirectory("govtel-sip-test");
        port = FreePorts.block(2);
        SipServerConfig config = SipServerConfig.defaults("127.0.0.1", port, dataDir)
                .withNoAnswerTimeout(noAnswerTimeout);
        server = new SipServer(config, directory, store, clock);
        server.start();
    }

    public SipServerFixture() throws Exception {
        this(Clock.systemUTC(), Duration.ofSeconds(3), BindingStore.NONE);
    }

    public String target() {
        return "127.0.0.1:" + port;
    }

    /** A SIPp run of a scenario as extension {@code number}, from {@code localPort}. */
    public Sipp sipp(String scenario, String number, int localPort, String transport, Map<String, String> values)
            throws IOException {
        return Sipp.scenario(dataDir, scenario, values)
                .towards(transport.equals("l1") ? "127.0.0.1:" + (port + 1) : target(), localPort, transport)
                .args("-s", number, "-au", number, "-ap", PASSWORD);
    }

    @Override
    public void close() {
        server.close();
    }
}
