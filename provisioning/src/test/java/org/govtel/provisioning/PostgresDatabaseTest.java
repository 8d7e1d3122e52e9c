package org.govtel.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Runs only in the postgres execution of provisioning/pom.xml: proves the other tests of that
 * execution really talk to a PostgreSQL server, not to an embedded H2, and that the migrations
 * ran there.
 */
@JdbcTest
class PostgresDatabaseTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void theDatabaseIsPostgresqlWithTheMigrationsApplied() {
        assertThat(jdbc.sql("SELECT version()").query(String.class).single()).startsWith("PostgreSQL ");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM flyway_schema_history WHERE success").query(Integer.class).single())
                .isGreaterThanOrEqualTo(3);
    }
}
