package org.govtel.sip.registrar;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.govtel.sip.testing.FreePorts;
import org.govtel.sip.testing.SipServerFixture;
import org.govtel.sip.testing.Sipp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** REGISTER through real SIPp phones: challenge, right and wrong passwords, unknown users. */
class RegistrarSippTest {

    static SipServerFixture sip;

    @BeforeAll
    static void start() throws Exception {
        sip = new SipServerFixture();
    }

    @AfterAll
    static void stop() {
        sip.close();
    }

    @Test
    void registersWithDigestAndIsFoundAtItsSourceAddress() throws Exception {
        int phonePort = FreePorts.block(1);
        Sipp.Result r = sip.sipp("register", "100101", phonePort, "u1", Map.of("EXPIRES", "600", "FINAL", "200")).run();
        assertThat(r.passed()).as(r.output()).isTrue();
        assertThat(sip.server.location().lookup("100101"))
                .singleElement()
                .satisfies(b -> {
                    assertThat(b.receivedHost()).isEqualTo("127.0.0.1");
                    assertThat(b.receivedPort()).isEqualTo(phonePort);
                    assertThat(b.transport()).isEqualTo("UDP");
                    assertThat(b.userAgent()).contains("SIPp");
                });
    }

    @Test
    void wrongPasswordGets403() throws Exception {
        Sipp.Result r = Sipp.scenario(sip.dataDir, "register", Map.of("EXPIRES", "600", "FINAL", "403"))
                .towards(sip.target(), FreePorts.block(1), "u1")
                .args("-s", "100102", "-au", "100102", "-ap", "wrong-password").run();
        assertThat(r.passed()).as(r.output()).isTrue();
        assertThat(sip.server.location().lookup("100102")).isEmpty();
    }

    @Test
    void unknownExtensionGets404() throws Exception {
        Sipp.Result r = sip.sipp("register_once", "177777", FreePorts.block(1), "u1",
                Map.of("EXPIRES", "600", "FINAL", "404")).run();
        assertThat(r.passed()).as(r.output()).isTrue();
    }

    @Test
    void unregisterRemovesTheBinding() throws Exception {
        int phonePort = FreePorts.block(1);
        Sipp.Result r = sip.sipp("register", "100103", phonePort, "t1", Map.of("EXPIRES", "600", "FINAL", "200")).run();
        assertThat(r.passed()).as(r.output()).isTrue();
        assertThat(sip.server.location().lookup("100103")).singleElement()
                .satisfies(b -> assertThat(b.transport()).isEqualTo("TCP"));
        Sipp.Result un = sip.sipp("register", "100103", phonePort, "t1", Map.of("EXPIRES", "0", "FINAL", "200")).run();
        assertThat(un.passed()).as(un.output()).isTrue();
        assertThat(sip.server.location().lookup("100103")).isEmpty();
    }
}
