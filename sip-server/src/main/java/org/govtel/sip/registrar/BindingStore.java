package org.govtel.sip.registrar;

import java.util.List;

/**
 * Durable copy of the location service, so a restart of the server loses no registrations.
 * The application supplies the database-backed implementation.
 */
public interface BindingStore {

    List<Binding> loadAll();

    void save(Binding binding);

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
