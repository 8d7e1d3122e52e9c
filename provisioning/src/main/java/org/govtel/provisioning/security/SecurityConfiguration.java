package org.govtel.provisioning.security;

import java.time.Clock;
import org.govtel.provisioning.ui.AdminUiLoginSuccess;
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
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.logout.SimpleUrlLogoutSuccessHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may call what. Two filter chains:
 * <ul>
 *   <li>{@code /api/**}: HTTP Basic on every request (scripts), no session, no CSRF token (no
 *       cookie authenticates an API call, so there is nothing to forge). Reads need any admin
 *       role; changes need a prefecture or site admin, so an auditor gets 403 on every write.
 *       Site scope is checked by the services ({@link Scope}).</li>
 *   <li>everything else: health, the OpenAPI description, the login page and the UI's style
 *       sheets are open; the rest needs a login. The admin UI under {@code /admin} logs in with a
 *       form ({@code /login}), keeps a session and checks a CSRF token on every POST (logout
 *       included); auditors may only read it (GET) and pick their language.</li>
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
    SecurityFilterChain defaultChain(HttpSecurity http, AdminUiLoginSuccess loginSuccess) throws Exception {
        BasicAuthenticationEntryPoint entryPoint = new BasicAuthenticationEntryPoint();
        entryPoint.setRealmName(REALM);
        entryPoint.afterPropertiesSet();
        String[] writers = {"PREFECTURE_ADMIN", "SITE_ADMIN"};
        String[] readers = {"PREFECTURE_ADMIN", "SITE_ADMIN", "AUDITOR"};
        RequestMatcher adminUi = PathPatternRequestMatcher.withDefaults().matcher("/admin/**");
        http.authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/v3/api-docs", "/v3/api-docs/**",
                                "/v3/api-docs.yaml", "/error").permitAll()
                        // The login page, its style sheet, and / (a redirect to /admin).
                        .requestMatchers(HttpMethod.GET, "/", "/login", "/ui/**", "/favicon.ico").permitAll()
                        // Every admin picks their own UI language, auditors too.
                        .requestMatchers(HttpMethod.POST, "/admin/language").hasAnyRole(readers)
                        // and changes their own password, as with POST /api/me/password.
                        .requestMatchers(HttpMethod.POST, "/admin/me/password").hasAnyRole(readers)
                        // Auditors read every page of their scope; any change (a POST) is 403 for them.
                        .requestMatchers(HttpMethod.GET, "/admin/**").hasAnyRole(readers)
                        .requestMatchers("/admin/**").hasAnyRole(writers)
                        .anyRequest().authenticated())
                // The admin UI: a login form, a session, and CSRF tokens on every form (the default).
                // Wrong passwords count towards the same lockout as over the API.
                .formLogin(f -> f.loginPage("/login").successHandler(loginSuccess).failureUrl("/login?error"))
                // Explicit, or httpBasic's 204 answer would win for clients without "Accept: text/html".
                .logout(l -> l.logoutUrl("/logout").logoutSuccessHandler(loggedOut()))
                .httpBasic(b -> b.authenticationEntryPoint(entryPoint))
                // A browser without a session goes to the login form; anything else gets the Basic challenge.
                .exceptionHandling(e -> e
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), adminUi)
                        .defaultAuthenticationEntryPointFor(entryPoint, AnyRequestMatcher.INSTANCE))
                // The UI loads nothing from elsewhere (no CDN) and runs no inline script. Only its
                // own pages get the policy: other features' pages in this chain set their own.
                .headers(h -> h.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                        new OrRequestMatcher(adminUi, PathPatternRequestMatcher.withDefaults().matcher("/login")),
                        new StaticHeadersWriter("Content-Security-Policy",
                                "default-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'"))));
        return http.build();
    }

    private static SimpleUrlLogoutSuccessHandler loggedOut() {
        SimpleUrlLogoutSuccessHandler handler = new SimpleUrlLogoutSuccessHandler();
        handler.setDefaultTargetUrl("/login?logout");
        return handler;
    }
}
