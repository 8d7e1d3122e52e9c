package org.govtel.sip.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.govtel.sip.testing.InMemoryDirectory;
import org.govtel.sip.testing.MutableClock;
import org.junit.jupiter.api.Test;

class CachingDirectoryTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T00:00:00Z"));
    final AtomicInteger lookups = new AtomicInteger();
    final InMemoryDirectory data = new InMemoryDirectory("govtel").site("seat", "10", 4).extension("100101", "pw", "seat");
    final Directory counting = new Directory() {
        @Override
        public Optional<SipAccount> findExtension(String number) {
            lookups.incrementAndGet();
            return data.findExtension(number);
        }

        @Override
        public Optional<Site> findSite(String siteCode) {
            lookups.incrementAndGet();
            return data.findSite(siteCode);
        }

        @Override
        public Optional<ServiceNumber> findService(String number) {
            lookups.incrementAndGet();
            return data.findService(number);
        }
    };
    final CachingDirectory cache = new CachingDirectory(counting, clock, Duration.ofSeconds(5));

    @Test
    void repeatedLookupsAreAnsweredFromMemoryIncludingMisses() {
        assertThat(cache.findExtension("100101")).isPresent();
        assertThat(cache.findExtension("100101")).isPresent();
        assertThat(cache.findExtension("199999")).isEmpty();
        assertThat(cache.findExtension("199999")).isEmpty();
        assertThat(lookups).hasValue(2);
    }

    @Test
    void invalidationShowsAChangeAtOnce() {
        assertThat(cache.findExtension("100101")).hasValueSatisfying(a -> assertThat(a.enabled()).isTrue());
        data.disable("100101");
        cache.invalidateAll();
        assertThat(cache.findExtension("100101")).hasValueSatisfying(a -> assertThat(a.enabled()).isFalse());
    }

    @Test
    void entriesExpireAsASafetyNet() {
        assertThat(cache.findExtension("100102")).isEmpty();
        data.extension("100102", "pw", "seat");
        clock.advance(Duration.ofSeconds(6));
        assertThat(cache.findExtension("100102")).isPresent();
    }

    @Test
    void inMemoryLookupNeverQueriesTheSource() {
        assertThat(cache.findExtensionInMemory("100101")).as("not asked yet").isEmpty();
        assertThat(lookups).hasValue(0);

        cache.findExtension("100101");

        assertThat(cache.findExtensionInMemory("100101")).isPresent();
        clock.advance(Duration.ofSeconds(6));
        assertThat(cache.findExtensionInMemory("100101")).as("expired").isEmpty();
        assertThat(lookups).hasValue(1);
    }
}
