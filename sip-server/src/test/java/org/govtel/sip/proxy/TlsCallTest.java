package org.govtel.sip.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.govtel.sip.testing.FreePorts;
import org.govtel.sip.testing.SipServerFixture;
import org.govtel.sip.testing.Sipp;
import org.govtel.sip.testing.TestPhone;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TLS phones (a JAIN SIP softphone, since Debian's SIPp has no TLS) calling and called by UDP
 * SIPp phones, and SHA-256 digest end to end.
 */
class TlsCallTest {

    static SipServerFixture sip;

    @BeforeAll
    static void start() throws Exception {
        sip = new SipServerFixture();
    }

    @AfterAll
    static void stop() {
        sip.close();
    }

    @AfterEach
    void forget() {
        for (String n : new String[] {"100101", "100102", "130201"}) {
            sip.server.location().removeAll(n);
        }
    }

    @Test
    void tlsPhoneRegistersWithSha256AndIsReachedOverItsOwnConnection() throws Exception {
        try (TestPhone tls = phone("100102", "SHA-256", "tls")) {
            assertThat(tls.register(600)).isEqualTo(200);
            assertThat(sip.server.location().lookup("100102")).singleElement()
                    .satisfies(b -> assertThat(b.transport()).isEqualTo("TLS"));

            Sipp.Result udpCaller = sip.sipp("uac_call", "100101", FreePorts.block(1), "u1",
                    Map.of("DIALED", "100102")).run();
            assertThat(udpCaller.passed()).as(udpCaller.output()).isTrue();
            assertThat(tls.incoming.poll(5, TimeUnit.SECONDS)).contains("c=IN IP4 127.0.0.77");
            assertThat(tls.incoming.poll(5, TimeUnit.SECONDS)).isEqualTo("ACK");
            assertThat(tls.incoming.poll(5, TimeUnit.SECONDS)).as("ACK of the hold re-INVITE").isEqualTo("ACK");
            assertThat(tls.incoming.poll(5, TimeUnit.SECONDS)).isEqualTo("BYE");
        }
    }

    @Test
    void tlsPhoneCallsUdpPhone() throws Exception {
        int port = FreePorts.block(1);
        Sipp.Result reg = sip.sipp("register", "130201", port, "u1", Map.of("EXPIRES", "600", "FINAL", "200")).run();
        assertThat(reg.passed()).as(reg.output()).isTrue();
        Sipp callee = sip.sipp("uas_answer", "130201", port, "u1", Map.of()).start();
        try (TestPhone tls = phone("100101", "MD5", "tls")) {
            Thread.sleep(300);
            assertThat(tls.callAndHangUp("130201")).isEqualTo(200);
            Sipp.Result r = callee.await();
            assertThat(r.passed()).as(r.output()).isTrue();
        } finally {
            callee.stop();
        }
    }

    @Test
    void tcpPhoneCallsTlsPhone() throws Exception {
        try (TestPhone tls = phone("100102", "MD5", "tls"); TestPhone tcp = phone("100101", "SHA-256", "tcp")) {
            assertThat(tls.register(600)).isEqualTo(200);
            assertThat(tcp.callAndHangUp("0102")).isEqualTo(200);
            assertThat(tls.incoming.poll(5, TimeUnit.SECONDS)).contains("c=IN IP4 127.0.0.77");
        }
    }

    private static TestPhone phone(String number, String algorithm, String transport) throws Exception {
        return new TestPhone(number, SipServerFixture.PASSWORD, algorithm, transport, sip.port, sip.port + 1, sip.dataDir);
    }
}
