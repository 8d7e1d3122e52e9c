package org.govtel.sip.directory;

import java.util.Optional;

/**
 * The SIP server's read-only view of the numbering plan and credentials. The SIP module only
 * declares it; the application wires an implementation backed by the provisioning database, so
 * changes an administrator makes are seen on the next request, with no restart.
 */
public interface Directory {

    Optional<SipAccount> findExtension(String number);

    Optional<Site> findSite(String siteCode);

    Optional<ServiceNumber> findService(String number);
}
