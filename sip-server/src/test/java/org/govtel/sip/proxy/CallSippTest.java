package org.govtel.sip.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.govtel.sip.testing.FreePorts;
import org.govtel.sip.testing.RawSipClient;
import org.govtel.sip.testing.SipServerFixture;
import org.govtel.sip.testing.Sipp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Calls through the proxy between real SIPp phones: the callee registers from the port its
 * answering SIPp then listens on; the caller is challenged (407) and authenticates.
 */
class CallSippTest {

    static SipServerFixture sip;
    final List<Sipp> started = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        sip = new SipServerFixture();
    }

    @AfterAll
    static void stop() {
        sip.close();
    }

    @AfterEach
    void forgetPhones() {
        started.forEach(Sipp::stop);
        for (String n : List.of("100101", "100102", "100103", "100104", "130201")) {
            sip.server.location().removeAll(n);
        }
    }

    @Test
    void callBetweenTwoRegisteredPhonesPassesMediaAddressesBothWays() throws Exception {
        Sipp callee = answeringPhone("100102", "u1", "uas_answer", Map.of());
        assertPasses(caller("100101", "uac_call", "100102", Map.of()));
        assertPasses(callee.await());
    }

    @Test
    void shortLocalNumberIsExpandedWithinTheCallersSite() throws Exception {
        Sipp callee = answeringPhone("100102", "u1", "uas_answer", Map.of());
        assertPasses(caller("100101", "uac_call", "0102", Map.of()));
        assertPasses(callee.await());
    }

    @Test
    void fullNumberReachesAnotherSite() throws Exception {
        Sipp callee = answeringPhone("100102", "u1", "uas_answer", Map.of());
        assertPasses(caller("130201", "uac_call", "100102", Map.of()));
        assertPasses(callee.await());
    }

    @Test
    void shortNumberOfAnotherSiteIsNotExpanded() throws Exception {
        answeringPhone("130201", "u1", "uas_answer", Map.of());
        // 0201 is 130201's local part in Huocheng, but the caller sits at the seat (prefix 10).
        assertPasses(caller("100101", "uac_expect", "0201", Map.of("FINAL", "404")));
    }

    @Test
    void serviceNumberRoutesToItsService() throws Exception {
        Sipp operator = answeringPhone("100104", "u1", "uas_answer", Map.of());
        assertPasses(caller("130201", "uac_call", "800000", Map.of()));
        assertPasses(operator.await());
    }

    @Test
    void unknownNumberGets404() throws Exception {
        assertPasses(caller("100101", "uac_expect", "199999", Map.of("FINAL", "404")));
    }

    @Test
    void knownButOfflineExtensionGets480() throws Exception {
        assertPasses(caller("100101", "uac_expect", "100103", Map.of("FINAL", "480")));
    }

    @Test
    void busyCalleeIsRelayed() throws Exception {
        Sipp callee = answeringPhone("100102", "u1", "uas_reject", Map.of("STATUS", "486", "REASON", "Busy Here"));
        assertPasses(caller("100101", "uac_expect", "100102", Map.of("FINAL", "486")));
        assertPasses(callee.await());
    }

    @Test
    void unansweredCallEndsWith480AndTheCalleeIsCancelled() throws Exception {
        Sipp callee = answeringPhone("100102", "u1", "uas_ring", Map.of());
        assertPasses(caller("100101", "uac_expect", "100102", Map.of("FINAL", "480")));
        assertPasses(callee.await());
    }

    @Test
    void callerCancelEndsTheRingingBranch() throws Exception {
        Sipp callee = answeringPhone("100102", "u1", "uas_ring", Map.of());
        assertPasses(caller("100101", "uac_cancel", "100102", Map.of()));
        assertPasses(callee.await());
        assertThat(sip.server.location().lookup("100102")).hasSize(1);
    }

    @Test
    void forkedCallIsAnsweredByOneContactAndTheOtherIsCancelled() throws Exception {
        Sipp desk = answeringPhone("100103", "u1", "uas_answer", Map.of());
        Sipp softphone = answeringPhone("100103", "u1", "uas_ring", Map.of());
        assertThat(sip.server.location().lookup("100103")).hasSize(2);
        assertPasses(caller("100101", "uac_call", "100103", Map.of()));
        assertPasses(desk.await());
        assertPasses(softphone.await());
    }

    @Test
    void udpPhoneCallsTcpPhoneAndBack() throws Exception {
        Sipp tcpCallee = answeringPhone("100102", "t1", "uas_answer", Map.of());
        assertPasses(caller("100101", "uac_call", "100102", Map.of()));
        assertPasses(tcpCallee.await());

        Sipp udpCallee = answeringPhone("100101", "u1", "uas_answer", Map.of());
        assertPasses(sip.sipp("uac_call", "100102", FreePorts.block(1), "t1", Map.of("DIALED", "100101")).run());
        assertPasses(udpCallee.await());
    }

    @Test
    void phoneBehindNatIsReachedAtTheAddressItRegisteredFrom() throws Exception {
        // The phone's Contact names an address it is not reachable at (its private side of a
        // NAT, here 127.0.0.99:5999 where nothing listens); the proxy must use the flow it registered from.
        try (RawSipClient phone = new RawSipClient(sip.port)) {
            String contact = "Contact: <sip:100102@127.0.0.99:5999>\r\nExpires: 600\r\n";
            assertThat(phone.registerWithDigest("100102", SipServerFixture.PASSWORD, contact).status()).isEqualTo(200);

            Sipp caller = sip.sipp("uac_expect", "100101", FreePorts.block(1), "u1",
                    Map.of("DIALED", "100102", "FINAL", "486")).start();
            started.add(caller);
            RawSipClient.Reply invite = phone.receive().orElseThrow(() -> new AssertionError("INVITE did not reach the phone"));
            assertThat(invite.text()).startsWith("INVITE sip:100102@127.0.0.99:5999 SIP/2.0");
            phone.send(RawSipClient.responseTo(invite.text(), 486, "Busy Here", "nat-phone", ""));
            assertPasses(caller.await());
        }
    }

    /** Registers {@code number} from a fresh port, then starts a SIPp UAS on that same port. */
    private Sipp answeringPhone(String number, String transport, String scenario, Map<String, String> values)
            throws Exception {
        int port = FreePorts.block(1);
        assertPasses(sip.sipp("register", number, port, transport, Map.of("EXPIRES", "600", "FINAL", "200")).run());
        Sipp uas = sip.sipp(scenario, number, port, transport, values).timeout(Duration.ofSeconds(20)).start();
        started.add(uas);
        Thread.sleep(300); // let the UAS bind its socket before the call is placed
        return uas;
    }

    private Sipp.Result caller(String number, String scenario, String dialed, Map<String, String> values)
            throws Exception {
        Map<String, String> all = new java.util.HashMap<>(values);
        all.put("DIALED", dialed);
        return sip.sipp(scenario, number, FreePorts.block(1), "u1", all).run();
    }

    private static void assertPasses(Sipp.Result r) {
        assertThat(r.passed()).as(r.output()).isTrue();
    }
}
