package org.govtel.app.sip;

import org.govtel.provisioning.audit.DirectoryChanged;
import org.govtel.sip.directory.CachingDirectory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Empties the SIP server's directory cache once a provisioning change is committed, so the next
 * REGISTER or call sees a new, changed or disabled extension.
 */
@Component
class DirectoryCacheInvalidation {

    private final CachingDirectory cache;

    DirectoryCacheInvalidation(CachingDirectory cache) {
        this.cache = cache;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void onChange(DirectoryChanged change) {
        cache.invalidateAll();
    }
}
