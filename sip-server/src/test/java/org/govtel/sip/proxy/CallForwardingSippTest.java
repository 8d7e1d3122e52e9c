package org.govtel.sip.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.govtel.sip.directory.CallForwarding;
import org.govtel.sip.testing.FreePorts;
import org.govtel.sip.testing.RawSipClient;
import org.govtel.sip.testing.SipServerFixture;
import org.govtel.sip.testing.Sipp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Call forwarding (always, busy, no answer, unavailable) between real SIPp phones, routed by the
 * proxy from each extension's forwarding settings in the directory. The fixture's no-answer
 * timeout is 3 s. 100101 calls 100102, which forwards to 100103.
 */
class CallForwardingSippTest {

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
    void reset() {
        started.forEach(Sipp::stop);
        for (String n : List.of("100101", "100102", "100103", "100104")) {
            sip.server.location().removeAll(n);
            sip.directory.forwarding(n, CallForwarding.NONE);
        }
    }

    @Test
    void alwaysForwardingToAShortNumberRingsTheTargetEvenWithTheCalleeOffline() throws Exception {
        // "0103" is short for 100103 inside the seat site that 100102 belongs to.
        sip.directory.forwarding("100102", new CallForwarding("0103", null, null));
        Sipp target = answeringPhone("100103", "uas_answer", Map.of());
        assertPasses(caller("uac_call", "100102", Map.of()));
        assertPasses(target.await());
    }

    @Test
    void busyCalleeForwardsAndTheTargetSeesWhyInTheDiversionHeader() throws Exception {
        sip.directory.forwarding("100102", new CallForwarding(null, "100103", null));
        Sipp busy = answeringPhone("100102", "uas_reject", Map.of("STATUS", "486", "REASON", "Busy Here"));
        try (RawSipClient target = new RawSipClient(sip.port)) {
            assertThat(target.registerWithDigest("100103", SipServerFixture.PASSWORD, target.contact("100103", 600))
                    .status()).isEqualTo(200);
            Sipp caller = sip.sipp("uac_expect", "100101", FreePorts.block(1), "u1",
                    Map.of("DIALED", "100102", "FINAL", "486")).start();
            started.add(caller);
            RawSipClient.Reply invite = target.receive()
                    .orElseThrow(() -> new AssertionError("the forwarded INVITE did not reach 100103"));
            assertThat(invite.text()).startsWith("INVITE sip:100103@");
            assertThat(invite.header("Diversion")).hasValueSatisfying(d -> assertThat(d)
                    .matches("<sip:100102@[^>]+>;reason=user-busy;counter=1"));
            target.send(RawSipClient.responseTo(invite.text(), 486, "Busy Here", "fwd-target", ""));
            assertPasses(caller.await());
        }
        assertPasses(busy.await());
    }

    @Test
    void unansweredCallMovesToTheNoAnswerTargetAndTheFirstPhoneIsCancelled() throws Exception {
        sip.directory.forwarding("100102", new CallForwarding(null, null, "100103"));
        Sipp ringing = answeringPhone("100102", "uas_ring", Map.of());
        Sipp target = answeringPhone("100103", "uas_answer", Map.of());
        assertPasses(caller("uac_call", "100102", Map.of()));
        assertPasses(ringing.await());
        assertPasses(target.await());
    }

    @Test
    void offlineCalleeWithNoAnswerForwardingReachesTheTargetAtOnce() throws Exception {
        sip.directory.forwarding("100102", new CallForwarding(null, null, "800000"));
        Sipp operator = answeringPhone("100104", "uas_answer", Map.of());
        assertPasses(caller("uac_call", "100102", Map.of()));
        assertPasses(operator.await());
    }

    @Test
    void forwardingInACircleEndsWithTheLastExtensionUnavailable() throws Exception {
        sip.directory.forwarding("100102", new CallForwarding("100103", null, null));
        sip.directory.forwarding("100103", new CallForwarding("100102", null, null));
        assertPasses(caller("uac_expect", "100102", Map.of("FINAL", "480")));
    }

    @Test
    void forwardingToANumberOutsideThePlanIsIgnored() throws Exception {
        sip.directory.forwarding("100102", new CallForwarding("0861234567", null, null));
        Sipp callee = answeringPhone("100102", "uas_answer", Map.of());
        assertPasses(caller("uac_call", "100102", Map.of()));
        assertPasses(callee.await());
    }

    /** Registers {@code number} from a fresh port, then starts a SIPp UAS on that same port. */
    private Sipp answeringPhone(String number, String scenario, Map<String, String> values) throws Exception {
        int port = FreePorts.block(1);
        assertPasses(sip.sipp("register", number, port, "u1", Map.of("EXPIRES", "600", "FINAL", "200")).run());
        Sipp uas = sip.sipp(scenario, number, port, "u1", values).timeout(Duration.ofSeconds(20)).start();
        started.add(uas);
        Thread.sleep(300); // let the UAS bind its socket before the call is placed
        return uas;
    }

    private Sipp.Result caller(String scenario, String dialed, Map<String, String> values) throws Exception {
        Map<String, String> all = new HashMap<>(values);
        all.put("DIALED", dialed);
        return sip.sipp(scenario, "100101", FreePorts.block(1), "u1", all).run();
    }

    private static void assertPasses(Sipp.Result r) {
        assertThat(r.passed()).as(r.output()).isTrue();
    }
}
