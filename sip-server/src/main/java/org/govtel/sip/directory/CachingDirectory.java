package org.govtel.sip.directory;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Keeps recent directory answers in memory, so a REGISTER or a call does not query the database
 * for the same extension, site and service numbers again and again. Whoever changes the
 * directory calls {@link #invalidateAll()} once the change is committed, so the next request
 * sees it; entries also expire after {@code ttl}, as a safety net for changes made behind the
 * application's back (an operator editing the database by hand).
 */
public final class CachingDirectory implements Directory {

    /** Beyond this many cached answers (e.g. a scan of random numbers) the cache starts over. */
    private static final int MAX_ENTRIES = 200_000;

    private record Entry<T>(Optional<T> value, long expiresAtMillis) { }

    private final Directory source;
    private final Clock clock;
    private final long ttlMillis;
    private final Map<String, Entry<SipAccount>> extensions = new ConcurrentHashMap<>();
    private final Map<String, Entry<Site>> sites = new ConcurrentHashMap<>();
    private final Map<String, Entry<ServiceNumber>> services = new ConcurrentHashMap<>();

    public CachingDirectory(Directory source, Clock clock, Duration ttl) {
        this.source = source;
        this.clock = clock;
        this.ttlMillis = ttl.toMillis();
    }

    @Override
    public Optional<SipAccount> findExtension(String number) {
        return cached(extensions, number, source::findExtension);
    }

    @Override
    public Optional<SipAccount> findExtensionInMemory(String number) {
        Entry<SipAccount> e = extensions.get(number);
        return e != null && e.expiresAtMillis() > clock.millis() ? e.value() : Optional.empty();
    }

    @Override
    public Optional<Site> findSite(String siteCode) {
        return cached(sites, siteCode, source::findSite);
    }

    @Override
    public Optional<ServiceNumber> findService(String number) {
        return cached(services, number, source::findService);
    }

    /** Forgets everything: the next lookups go to the source. */
    public void invalidateAll() {
        extensions.clear();
        sites.clear();
        services.clear();
    }

    private <T> Optional<T> cached(Map<String, Entry<T>> cache, String key, Function<String, Optional<T>> load) {
        long now = clock.millis();
        Entry<T> e = cache.get(key);
        if (e != null && e.expiresAtMillis() > now) {
            return e.value();
        }
        Optional<T> value = load.apply(key);
        if (cache.size() >= MAX_ENTRIES) {
            cache.clear();
        }
        cache.put(key, new Entry<>(value, now + ttlMillis));
        return value;
    }
}
