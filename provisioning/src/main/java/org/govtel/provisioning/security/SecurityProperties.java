package org.govtel.provisioning.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code govtel.security.*}: login lockout.
 *
 * @param maxFailedLogins failed logins in a row after which an admin is locked out
 * @param lockout         how long the lockout lasts
 */
@ConfigurationProperties("govtel.security")
public record SecurityProperties(
        @DefaultValue("5") int maxFailedLogins,
        @DefaultValue("15m") Duration lockout) {
}
