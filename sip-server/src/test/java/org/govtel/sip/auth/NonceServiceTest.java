package org.govtel.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.govtel.sip.testing.MutableClock;
import org.junit.jupiter.api.Test;

class NonceServiceTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T00:00:00Z"));
    final NonceService nonces = new NonceService(clock, Duration.ofMinutes(5));

    @Test
    void issuedNonceIsValidUntilItsLifetimeEnds() {
        String n = nonces.issue();
        assertThat(nonces.check(n)).isEqualTo(NonceService.Verdict.VALID);
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertThat(nonces.check(n)).isEqualTo(NonceService.Verdict.STALE);
    }

    @Test
    void forgedOrAlteredNoncesAreInvalid() {
        String n = nonces.issue();
        // Change a character in the middle: the last one may only carry base64 padding bits.
        int i = n.length() / 2;
        String altered = n.substring(0, i) + (n.charAt(i) == 'A' ? 'B' : 'A') + n.substring(i + 1);
        assertThat(nonces.check(altered)).isEqualTo(NonceService.Verdict.INVALID);
        assertThat(nonces.check("not a nonce!")).isEqualTo(NonceService.Verdict.INVALID);
        assertThat(new NonceService(clock, Duration.ofMinutes(5)).check(n))
                .as("another server's secret").isEqualTo(NonceService.Verdict.INVALID);
    }

    @Test
    void nonceCountMustIncrease() {
        String n = nonces.issue();
        assertThat(nonces.acceptCount(n, 1)).isEqualTo(NonceService.Verdict.VALID);
        assertThat(nonces.acceptCount(n, 1)).isEqualTo(NonceService.Verdict.REPLAYED);
        assertThat(nonces.acceptCount(n, 3)).isEqualTo(NonceService.Verdict.VALID);
        assertThat(nonces.acceptCount(n, 2)).isEqualTo(NonceService.Verdict.REPLAYED);
    }
}
