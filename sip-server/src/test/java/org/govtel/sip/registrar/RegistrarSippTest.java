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
}
