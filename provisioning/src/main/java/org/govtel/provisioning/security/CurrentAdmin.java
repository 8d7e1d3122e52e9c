package org.govtel.provisioning.security;

import org.govtel.provisioning.admin.AdminRole;

/**
 * The authenticated administrator making a request (the principal of its Authentication).
 * Services take it as the actor of a change: for the audit log and for scope checks.
 */
public record CurrentAdmin(long id, String username, AdminRole role, Long scopeSiteId) {

    /** The actor recorded for changes the server makes by itself (the first admin, seeding). */
    public static final String SYSTEM = "system";
}
