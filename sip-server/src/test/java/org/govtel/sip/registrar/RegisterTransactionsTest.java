package org.govtel.sip.registrar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.govtel.sip.testing.MutableClock;
import org.junit.jupiter.api.Test;

class RegisterTransactionsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T08:00:00Z"));
    private final RegisterTransactions transactions = new RegisterTransactions(clock);
    private final byte[] ok = "SIP/2.0 200 OK\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    @Test
    void aRetransmissionWhileTheFirstIsProcessedIsAbsorbed() {
        assertThat(transactions.begin("z9hG4bK1|127.0.0.1:5062").isNew()).isTrue();

        RegisterTransactions.Begun again = transactions.begin("z9hG4bK1|127.0.0.1:5062");

        assertThat(again.isNew()).isFalse();
        assertThat(again.finalResponse()).as("nothing to resend yet").isNull();
        assertThat(transactions.begin("z9hG4bK2|127.0.0.1:5062").isNew()).as("another transaction").isTrue();
        assertThat(transactions.begin("z9hG4bK1|127.0.0.1:5064").isNew()).as("same branch, other sender").isTrue();
        assertThat(transactions.size()).isEqualTo(3);
    }

    @Test
    void aRetransmissionAfterTheAnswerGetsTheSameResponse() {
        transactions.begin("z9hG4bK1|127.0.0.1:5062");
        transactions.complete("z9hG4bK1|127.0.0.1:5062", ok);

        RegisterTransactions.Begun again = transactions.begin("z9hG4bK1|127.0.0.1:5062");

        assertThat(again.isNew()).isFalse();
        assertThat(again.finalResponse()).isSameAs(ok);
    }

    @Test
    void aTransactionIsForgottenOnceTimerJHasPassed() {
        assertThat(transactions.begin("z9hG4bK1|h:1").isNew()).isTrue();
        transactions.complete("z9hG4bK1|h:1", ok);
        clock.advance(RegisterTransactions.TIMER_J.minusSeconds(1));
        assertThat(transactions.begin("z9hG4bK2|h:1").isNew()).isTrue();
        assertThat(transactions.size()).isEqualTo(2);

        clock.advance(Duration.ofSeconds(1));

        assertThat(transactions.size()).isEqualTo(1);
        assertThat(transactions.begin("z9hG4bK1|h:1").isNew()).as("now a new request").isTrue();
    }
}
