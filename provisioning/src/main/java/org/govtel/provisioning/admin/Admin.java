package org.govtel.provisioning.admin;

import java.time.Instant;

/**
 * An administrator as stored. {@code scopeSiteId} is null for prefecture-wide admins;
 * {@code lockedUntil} is set while logins are refused after repeated failures.
 */
public record Admin(long id, String username, String passwordHash, AdminRole role, Long scopeSiteId,
                    boolean enabled, int failedLogins, Instant lockedUntil, Instant createdAt, Instant updatedAt) {

    public boolean lockedAt(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }

    @Override
    public String toString() {
        return "Admin[" + username + ", " + role + ", scope " + scopeSiteId + "]";
    }
}
