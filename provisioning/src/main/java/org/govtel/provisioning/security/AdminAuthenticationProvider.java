package org.govtel.provisioning.security;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.govtel.provisioning.admin.Admin;
import org.govtel.provisioning.admin.AdminRepository;
import org.govtel.provisioning.audit.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Checks an admin's username and password (bcrypt) against the {@code admins} table, with a
 * lockout: after {@code govtel.security.max-failed-logins} wrong passwords in a row the account
 * refuses every login, the right password too, for {@code govtel.security.lockout}. Unknown
 * users, disabled and locked accounts all get the same 401 as a wrong password, so the answer
 * tells an attacker nothing.
 */
@Component
public class AdminAuthenticationProvider implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(AdminAuthenticationProvider.class);

    private final AdminRepository admins;
    private final PasswordEncoder encoder;
    private final SecurityProperties properties;
    private final Clock clock;
    private final AuditLog audit;
    /** Compared against when there is no such user, so unknown names take as long as known ones. */
    private final String dummyHash;

    public AdminAuthenticationProvider(AdminRepository admins, PasswordEncoder encoder, SecurityProperties properties,
                                       Clock clock, AuditLog audit) {
        this.admins = admins;
        this.encoder = encoder;
        this.properties = properties;
        this.clock = clock;
        this.audit = audit;
        this.dummyHash = encoder.encode("not a password of anyone");
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = authentication.getName();
        String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        Optional<Admin> found = admins.findByUsername(username);
        if (found.isEmpty()) {
            encoder.matches(password, dummyHash);
            throw new BadCredentialsException("Bad credentials");
        }
        Admin admin = found.get();
        Instant now = clock.instant();
        if (admin.lockedAt(now)) {
            throw new LockedException("Locked after repeated failed logins");
        }
        if (!encoder.matches(password, admin.passwordHash())) {
            int failures = admins.recordFailedLogin(admin.id());
            if (failures >= properties.maxFailedLogins()) {
                Instant until = now.plus(properties.lockout());
                admins.lockUntil(admin.id(), until);
                log.warn("Admin {} locked until {} after {} failed logins", username, until, failures);
                audit.record(CurrentAdmin.SYSTEM, "lockout", "admin", username, admin.scopeSiteId(), null,
                        java.util.Map.of("lockedUntil", until.toString(), "failedLogins", failures));
            }
            throw new BadCredentialsException("Bad credentials");
        }
        if (!admin.enabled()) {
            throw new BadCredentialsException("Bad credentials");
        }
        if (admin.failedLogins() > 0 || admin.lockedUntil() != null) {
            admins.clearFailedLogins(admin.id());
        }
        CurrentAdmin principal = new CurrentAdmin(admin.id(), admin.username(), admin.role(), admin.scopeSiteId());
        return UsernamePasswordAuthenticationToken.authenticated(principal, null,
                List.of(new SimpleGrantedAuthority(admin.role().authority())));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
