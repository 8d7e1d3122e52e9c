package org.govtel.provisioning;

import org.govtel.provisioning.phoneconfig.PhoneServerSettings;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Profile;
import org.springframework.context.annotation.PropertySource;

/** The configuration root the provisioning slice tests start from (the real one lives in app). */
@SpringBootApplication
@PropertySource("classpath:govtel-provisioning-test.properties")
public class ProvisioningTestApplication {

    public static final String SIP_HOST = "sip.govtel.test";
    public static final int SIP_PORT = 5060;
    public static final int SIP_TLS_PORT = 5061;
    public static final String BASE_URL = "http://prov.govtel.test:8080";

    /** What app wires from the SIP server's settings: fixed values the phone file tests check. */
    @Bean
    PhoneServerSettings phoneServerSettings() {
        return new PhoneServerSettings() {
            @Override
            public String sipHost() {
                return SIP_HOST;
            }

            @Override
            public int udpPort() {
                return SIP_PORT;
            }

            @Override
            public int tlsPort() {
                return SIP_TLS_PORT;
            }

            @Override
            public String provisioningBaseUrl() {
                return BASE_URL;
            }
        };
    }

    /**
     * On PostgreSQL every test context starts from an empty schema, as each one does on its own
     * embedded H2: the API tests create the first admin and fixed numbers. The postgres surefire
     * execution runs each test class in its own JVM, so one class never sees another's data.
     * Flyway refuses the clean unless {@code spring.flyway.clean-disabled=false}, which only the
     * test {@code application-postgres.properties} sets.
     */
    @Bean
    @Profile("postgres")
    FlywayMigrationStrategy cleanThenMigrate() {
        return flyway -> {
            flyway.clean();
            flyway.migrate();
        };
    }
}
