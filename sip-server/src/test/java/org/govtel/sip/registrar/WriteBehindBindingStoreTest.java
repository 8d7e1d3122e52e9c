package org.govtel.sip.registrar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.govtel.sip.testing.MutableClock;
import org.junit.jupiter.api.Test;

class WriteBehindBindingStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");

    /** The durable store, counting its writes. */
    private static final class CountingStore implements BindingStore {
        final Map<String, Binding> rows = new LinkedHashMap<>();
        final List<String> writes = new ArrayList<>();

        @Override
        public List<Binding> loadAll() {
            return List.copyOf(rows.values());
        }

        @Override
        public void save(Binding b) {
            writes.add("save " + b.contactUri() + " " + b.cseq());
            rows.put(b.aor() + "|" + b.contactUri(), b);
        }

        @Override
        public void delete(String aor, String contactUri) {
            writes.add("delete " + contactUri);
            rows.remove(aor + "|" + contactUri);
        }
    }

    private final CountingStore db = new CountingStore();
    private final WriteBehindBindingStore store = new WriteBehindBindingStore(db, "test", false);

    private static Binding binding(String contact, int port, long cseq) {
        return new Binding("100101", contact, "127.0.0.1", port, "UDP", T0.plusSeconds(3600 + cseq),
                "call-1", cseq, 1.0f, "phone/1");
    }

    @Test
    void aNewBindingIsWrittenWithTheNextChangeFlush() {
        store.save(binding("sip:100101@10.0.0.1", 5060, 1));

        store.flushChanges();

        assertThat(db.writes).containsExactly("save sip:100101@10.0.0.1 1");
    }

    @Test
    void aPureRefreshWaitsForTheRefreshLaneAndCoalesces() {
        store.save(binding("sip:100101@10.0.0.1", 5060, 1));
        store.flushChanges();
        for (int cseq = 2; cseq <= 50; cseq++) {
            store.refresh(binding("sip:100101@10.0.0.1", 5060, cseq));
            store.flushChanges();
        }
        assertThat(db.writes).containsExactly("save sip:100101@10.0.0.1 1");

        store.flush();

        assertThat(db.writes).containsExactly("save sip:100101@10.0.0.1 1", "save sip:100101@10.0.0.1 50");
        assertThat(db.rows.values()).singleElement().extracting(Binding::cseq).isEqualTo(50L);
    }

    @Test
    void aRefreshOfAChangeNotYetWrittenTravelsWithTheChange() {
        store.save(binding("sip:100101@10.0.0.1", 5060, 1));
        store.refresh(binding("sip:100101@10.0.0.1", 5060, 2));

        store.flushChanges();

        assertThat(db.writes).containsExactly("save sip:100101@10.0.0.1 2");
    }

    @Test
    void aRemovalOverridesAPendingRefresh() {
        store.save(binding("sip:100101@10.0.0.1", 5060, 1));
        store.flushChanges();
        store.refresh(binding("sip:100101@10.0.0.1", 5060, 2));
        store.delete("100101", "sip:100101@10.0.0.1");

        store.flushChanges();
        store.flush();

        assertThat(db.writes).containsExactly("save sip:100101@10.0.0.1 1", "delete sip:100101@10.0.0.1");
        assertThat(db.rows).isEmpty();
    }

    @Test
    void closeWritesPendingRefreshes() {
        store.save(binding("sip:100101@10.0.0.1", 5060, 1));
        store.flushChanges();
        store.refresh(binding("sip:100101@10.0.0.1", 5060, 2));

        store.close();

        assertThat(db.rows.values()).singleElement().extracting(Binding::cseq).isEqualTo(2L);
    }

    @Test
    void theLocationServiceSendsOnlySameFlowReRegistrationsToTheRefreshLane() {
        LocationService location = new LocationService(new MutableClock(T0), store);
        location.put(binding("sip:100101@10.0.0.1", 5060, 1));
        store.flushChanges();

        location.put(binding("sip:100101@10.0.0.1", 5060, 2)); // same flow: a refresh
        store.flushChanges();
        assertThat(db.writes).containsExactly("save sip:100101@10.0.0.1 1");

        location.put(binding("sip:100101@10.0.0.1", 6060, 3)); // the phone moved behind its NAT
        store.flushChanges();
        assertThat(db.writes).containsExactly("save sip:100101@10.0.0.1 1", "save sip:100101@10.0.0.1 3");
    }
}
