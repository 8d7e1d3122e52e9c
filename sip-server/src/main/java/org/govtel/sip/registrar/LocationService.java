package org.govtel.sip.registrar;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The abstract location service of RFC 3261 §10: address-of-record → current contacts.
 * Expiry is judged against the injected clock; {@link #purgeExpired()} is called periodically
 * and lookups never return an expired binding in between.
 */
public final class LocationService {

    private static final Logger log = LoggerFactory.getLogger(LocationService.class);

    private final Clock clock;
    private final BindingStore store;
    /** aor → bindings; each list is replaced, never mutated, under the map's per-key lock. */
    private final Map<String, List<Binding>> bindings = new ConcurrentHashMap<>();
    /** contact URI → binding, to route in-dialog requests to the flow the phone registered from. */
    private final Map<String, Binding> byContact = new ConcurrentHashMap<>();

    public LocationService(Clock clock, BindingStore store) {
        this.clock = clock;
        this.store = store;
    }

    /** Loads the persisted bindings that have not expired while the server was down. */
    public int restore() {
        Instant now = clock.instant();
        int restored = 0;
        for (Binding b : store.loadAll()) {
            if (b.expiredAt(now)) {
                store.delete(b.aor(), b.contactUri());
                continue;
            }
            put(b);
            restored++;
        }
        return restored;
    }

    /** Current contacts of an extension, best q first. */
    public List<Binding> lookup(String aor) {
        List<Binding> current = bindings.get(aor);
        if (current == null) {
            return List.of();
        }
        Instant now = clock.instant();
        List<Binding> live = new ArrayList<>(current.size());
        for (Binding b : current) {
            if (!b.expiredAt(now)) {
                live.add(b);
            }
        }
        live.sort(Comparator.comparing(Binding::q).reversed());
        return live;
    }

    public Optional<Binding> findByContact(String contactUri) {
        Binding b = byContact.get(contactUri);
        return b == null || b.expiredAt(clock.instant()) ? Optional.empty() : Optional.of(b);
    }

    public void put(Binding binding) {
        Binding[] replaced = {null};
        bindings.compute(binding.aor(), (aor, list) -> {
            List<Binding> next = new ArrayList<>(list == null ? 1 : list.size() + 1);
            if (list != null) {
                for (Binding b : list) {
                    if (b.contactUri().equals(binding.contactUri())) {
                        replaced[0] = b;
                    } else {
                        next.add(b);
                    }
                }
            }
            next.add(binding);
            return List.copyOf(next);
        });
        byContact.put(binding.contactUri(), binding);
        if (replaced[0] != null && binding.refreshes(replaced[0])) {
            store.refresh(binding);
        } else {
            store.save(binding);
        }
    }

    public void remove(String aor, String contactUri) {
        bindings.computeIfPresent(aor, (key, list) -> {
            List<Binding> next = list.stream().filter(b -> !b.contactUri().equals(contactUri)).toList();
            return next.isEmpty() ? null : next;
        });
        byContact.remove(contactUri);
        store.delete(aor, contactUri);
    }

    /** Removes exactly this binding, unless a refresh replaced it meanwhile. */
    private boolean removeIfUnchanged(Binding binding) {
        boolean[] removed = {false};
        bindings.computeIfPresent(binding.aor(), (key, list) -> {
            if (!list.contains(binding)) {
                return list;
            }
            removed[0] = true;
            List<Binding> next = list.stream().filter(b -> b != binding).toList();
            return next.isEmpty() ? null : next;
        });
        if (removed[0]) {
            byContact.remove(binding.contactUri(), binding);
            store.delete(binding.aor(), binding.contactUri());
        }
        return removed[0];
    }

    public void removeAll(String aor) {
        List<Binding> old = bindings.remove(aor);
        if (old != null) {
            for (Binding b : old) {
                byContact.remove(b.contactUri());
                store.delete(aor, b.contactUri());
            }
        }
    }

    /** Drops every binding whose time is up; returns how many went. */
    public int purgeExpired() {
        Instant now = clock.instant();
        int purged = 0;
        for (Map.Entry<String, List<Binding>> e : bindings.entrySet()) {
            for (Binding b : e.getValue()) {
                if (b.expiredAt(now) && removeIfUnchanged(b)) {
                    purged++;
                }
            }
        }
        if (purged > 0) {
            log.debug("Purged {} expired bindings", purged);
        }
        return purged;
    }

    public int registeredExtensions() {
        return bindings.size();
    }
}
