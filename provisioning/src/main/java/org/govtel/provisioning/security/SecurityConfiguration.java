package org.govtel.provisioning.security;

import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;

/**
 * Who may call what. Two filter chains:
 * <ul>
 *   <li>{@code /api/**}: HTTP Basic on every request (scripts), no session, no CSRF token (no
 *       cookie authenticates an API call, so there is nothing to forge). Reads need any admin
 *       role; changes need a prefecture or site admin, so an auditor gets 403 on every write.
 *       Site scope is checked by the services ({@link Scope}).</li>
 *   <li>everything else: health and the OpenAPI description are open; the rest needs a login.
 *       The admin UI adds its form login (with CSRF and a session) to this chain.</li>
 * </ul>
 * Both authenticate with {@link AdminAuthenticationProvider}; there is no built-in user and no
 * default password.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityConfiguration {

    static final String REALM = "GovTel";

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    /** Time for lockouts and the audit log; tests replace it with one they can move. */
    @Bean
    Clock provisioningClock() {
        return Clock.systemUTC();
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http) throws Exception {
        BasicAuthenticationEntryPoint entryPoint = new BasicAuthenticationEntryPoint();
        entryPoint.setRealmName(REALM);
        entryPoint.afterPropertiesSet();
        String[] writers = {"PREFECTURE_ADMIN", "SITE_ADMIN"};
        String[] readers = {"PREFECTURE_ADMIN", "SITE_ADMIN", "AUDITOR"};
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.GET, "/api/**").hasAnyRole(readers)
                        // Every admin may change their own password.
                        .requestMatchers(HttpMethod.POST, "/api/me/password").hasAnyRole(readers)
                        .anyRequest().hasAnyRole(writers))
                .httpBasic(b -> b.authenticationEntryPoint(entryPoint))
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable());
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain defaultChain(HttpSecurity http) throws Exception {
        BasicAuthenticationEntryPoint entryPoint = new BasicAuthenticationEntryPoint();
        entryPoint.setRealmName(REALM);
        entryPoint.afterPropertiesSet();
        http.authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/v3/api-docs", "/v3/api-docs/**",
                                "/v3/api-docs.yaml", "/error").permitAll()
                        .anyRequest().authenticated())
                .httpBasic(b -> b.authenticationEntryPoint(entryPoint));
        return http.build();
    }
}
