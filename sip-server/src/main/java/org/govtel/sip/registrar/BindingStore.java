package org.govtel.sip.registrar;

import java.util.List;

/**
 * Durable copy of the location service, so a restart of the server loses no registrations.
 * The application supplies the database-backed implementation.
 */
public interface BindingStore {

    List<Binding> loadAll();

    void save(Binding binding);

    /**
     * Saves a binding that only moved on in time: the same contact, flow and q as the one saved
     * before, with a later expiry (a phone's periodic re-REGISTER, see {@link Binding#refreshes}). A store
     * may write it later than a real change; losing it in a crash only shortens the restored
     * binding's remaining time, and the phone refreshes it before then.
     */
    default void refresh(Binding binding) {
        save(binding);
    }

    void delete(String aor, String contactUri);

    /** A store that keeps nothing (for tests and for a deliberately volatile registrar). */
    BindingStore NONE = new BindingStore() {
        @Override
        public List<Binding> loadAll() {
            return List.of();
        }

        @Override
        public void save(Binding binding) {
        }

        @Override
        public void delete(String aor, String contactUri) {
        }
    };
}
