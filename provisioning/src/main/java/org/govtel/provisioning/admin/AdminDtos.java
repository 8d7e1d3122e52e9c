package org.govtel.provisioning.admin;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** What the admin API reads and writes. Password hashes never leave the server. */
public final class AdminDtos {

    static final String PASSWORD_MESSAGE = "must be 12 to 128 characters";

    private AdminDtos() {
    }

    /** A new admin; {@code password} left out: one is generated and shown once in the response. */
    public record CreateRequest(
            @NotBlank(message = "is required")
            @Pattern(regexp = "[a-z0-9][a-z0-9._-]{2,63}", message = "must be 3 to 64 lower-case letters, digits, '.', '_' or '-'")
            String username,
            @Size(min = 12, max = 128, message = PASSWORD_MESSAGE) String password,
            @NotNull(message = "is required") AdminRole role,
            Long scopeSiteId,
            Boolean enabled) {
    }

    public record UpdateRequest(
            @NotNull(message = "is required") AdminRole role,
            Long scopeSiteId,
            @NotNull(message = "is required") Boolean enabled) {
    }

    /** Sets an admin's password; left out, one is generated and shown once. */
    public record PasswordRequest(@Size(min = 12, max = 128, message = PASSWORD_MESSAGE) String password) {
    }

    public record ChangeOwnPassword(
            @NotBlank(message = "is required") String currentPassword,
            @NotBlank(message = "is required") @Size(min = 12, max = 128, message = PASSWORD_MESSAGE) String newPassword) {
    }

    public record AdminView(String username, AdminRole role, Long scopeSiteId, boolean enabled, boolean locked,
                            Instant lockedUntil, int failedLogins, Instant createdAt, Instant updatedAt) {
        static AdminView of(Admin a, Instant now) {
            return new AdminView(a.username(), a.role(), a.scopeSiteId(), a.enabled(), a.lockedAt(now),
                    a.lockedAt(now) ? a.lockedUntil() : null, a.failedLogins(), a.createdAt(), a.updatedAt());
        }
    }

    /** The answer to a create: the admin and, if it was generated, the password (shown this once). */
    public record Created(AdminView admin, String password) {
    }

    public record NewPassword(String username, String password) {
    }
}
