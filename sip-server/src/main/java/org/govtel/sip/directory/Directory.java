package org.govtel.sip.directory;

import java.util.Optional;

/**
 * The SIP server's read-only view of the numbering plan and credentials. The SIP module only
 * declares it; the application wires an implementation backed by the provisioning database, so
 * changes an administrator makes are seen on the next request, with no restart.
 */
public interface Directory {

    Optional<SipAccount> findExtension(String number);

    /**
     * The extension, if it is known without asking the database (a recent answer kept in
     * memory); empty when it is unknown or finding out would take a query. For code on a thread
     * that must never wait, which then leaves the request to a thread that may.
     */
    default Optional<SipAccount> findExtensionInMemory(String number) {
        return Optional.empty();
    }

    Optional<Site> findSite(String siteCode);

    Optional<ServiceNumber> findService(String number);
}
