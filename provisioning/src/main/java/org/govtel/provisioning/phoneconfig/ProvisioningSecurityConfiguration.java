package org.govtel.provisioning.phoneconfig;

import jakarta.servlet.http.HttpServletResponse;
import org.govtel.provisioning.device.DeviceRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

/**
 * The filter chain of {@code /provisioning/**}, ahead of the admin chains: phones, not admins.
 * {@link DeviceAuthenticationFilter} authenticates the device (or answers 404/401 itself and logs
 * it); every request that reaches a controller must carry a device authentication. No session, no
 * CSRF token (no cookie ever authenticates a phone), no saved requests.
 */
@Configuration(proxyBeanMethods = false)
class ProvisioningSecurityConfiguration {

    @Bean
    @Order(0)
    SecurityFilterChain phoneProvisioningChain(HttpSecurity http, DeviceRepository devices, FetchLog fetchLog)
            throws Exception {
        http.securityMatcher("/provisioning/**")
                .addFilterBefore(new DeviceAuthenticationFilter(devices, fetchLog), AuthorizationFilter.class)
                .authorizeHttpRequests(a -> a.anyRequest().hasAuthority(DeviceAuthentication.AUTHORITY))
                .exceptionHandling(e -> e.authenticationEntryPoint((request, response, denied) ->
                        DeviceAuthenticationFilter.refuse(response, HttpServletResponse.SC_UNAUTHORIZED)))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .anonymous(a -> a.disable())
                .csrf(c -> c.disable());
        return http.build();
    }
}
