package org.govtel.provisioning;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Profile;

/** The configuration root the provisioning slice tests start from (the real one lives in app). */
@SpringBootApplication
class ProvisioningTestApplication {

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
