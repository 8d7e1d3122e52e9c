package org.govtel.sip.registrar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import javax.sip.SipFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import org.govtel.sip.testing.MutableClock;
import org.junit.jupiter.api.Test;

class RegisterTransactionsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T08:00:00Z"));
    private final MessageFactory messages = messageFactory();
    private final RegisterTransactions transactions = new RegisterTransactions(null, messages, clock);

    private static MessageFactory messageFactory() {
        try {
            SipFactory factory = SipFactory.getInstance();
            factory.setPathName("gov.nist");
            return factory.createMessageFactory();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Request register(String transport, String branch) throws Exception {
        return messages.createRequest("REGISTER sip:127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/" + transport + " 127.0.0.1:5062;branch=" + branch + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:100101@127.0.0.1>;tag=a\r\n"
                + "To: <sip:100101@127.0.0.1>\r\n"
                + "Call-ID: reg-1\r\n"
                + "CSeq: 2 REGISTER\r\n"
                + "Content-Length: 0\r\n\r\n");
    }

    @Test
    void onlyRegisterOverUdpWithAnRfc3261BranchIsKeptHere() throws Exception {
        assertThat(RegisterTransactions.handles(register("UDP", "z9hG4bK1"))).isTrue();
        assertThat(RegisterTransactions.handles(register("TCP", "z9hG4bK1"))).isFalse();
        assertThat(RegisterTransactions.handles(register("UDP", "old-style-1"))).isFalse();
    }

    @Test
    void aRetransmissionWhileTheFirstIsProcessedIsAbsorbed() throws Exception {
        assertThat(transactions.begin(register("UDP", "z9hG4bK1"))).isPresent();
        assertThat(transactions.begin(register("UDP", "z9hG4bK1"))).isEmpty();
        assertThat(transactions.begin(register("UDP", "z9hG4bK2"))).as("another transaction").isPresent();
        assertThat(transactions.size()).isEqualTo(2);
    }

    @Test
    void aTransactionIsForgottenOnceTimerJHasPassed() throws Exception {
        assertThat(transactions.begin(register("UDP", "z9hG4bK1"))).isPresent();
        clock.advance(RegisterTransactions.TIMER_J.minusSeconds(1));
        assertThat(transactions.begin(register("UDP", "z9hG4bK2"))).isPresent();
        assertThat(transactions.size()).isEqualTo(2);

        clock.advance(Duration.ofSeconds(1));

        assertThat(transactions.size()).isEqualTo(1);
        assertThat(transactions.begin(register("UDP", "z9hG4bK1"))).as("now a new request").isPresent();
    }
}
