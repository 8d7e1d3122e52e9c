package org.govtel.provisioning.registration;

import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The registrar as provisioning sees it: the wired source and eviction, or none. */
@Component
public class Registrations {

    private final ObjectProvider<RegistrationStatusSource> source;
    private final ObjectProvider<RegistrationEviction> eviction;

    public Registrations(ObjectProvider<RegistrationStatusSource> source, ObjectProvider<RegistrationEviction> eviction) {
        this.source = source;
        this.eviction = eviction;
    }

    public List<RegisteredContact> contacts(String number) {
        RegistrationStatusSource s = source.getIfAvailable();
        return s == null ? List.of() : s.contacts(number);
    }

    /**
     * Removes the extension's bindings once the current transaction commits (at once when there
     * is none): a REGISTER racing the change then already reads the new state.
     */
    public void evictAfterCommit(String number) {
        RegistrationEviction e = eviction.getIfAvailable();
        if (e == null) {
            return;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    e.removeAll(number);
                }
            });
        } else {
            e.removeAll(number);
        }
    }
}
