package org.govtel.provisioning.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import org.govtel.provisioning.audit.AuditLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The first admin on an empty admins table (the stable "initial-admin-password" contract). */
@JdbcTest
@Import({InitialAdmin.class, AdminRepository.class, AuditLog.class, InitialAdminTest.Beans.class})
@ExtendWith(OutputCaptureExtension.class)
class InitialAdminTest {

    @TestConfiguration
    static class Beans {
        @Bean
        PasswordEncoder encoder() {
            return new BCryptPasswordEncoder();
        }

        @Bean
        ObjectMapper objectMapper() {
            return new ObjectMapper().findAndRegisterModules();
        }

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }
    }

    @Autowired
    InitialAdmin initialAdmin;
    @Autowired
    AdminRepository admins;
    @Autowired
    PasswordEncoder encoder;
    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path dataDir;

    @Test
    void createsAdminWithAGeneratedPasswordInAnOwnerOnlyFileAndLogsOnlyWhere(CapturedOutput output) throws Exception {
        Path file = initialAdmin.createIfNone(dataDir).orElseThrow();

        assertThat(file).isEqualTo(dataDir.toAbsolutePath().resolve("initial-admin-password"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String password = Files.readString(file).trim();
        assertThat(password).hasSize(16);
        Admin admin = admins.findByUsername("admin").orElseThrow();
        assertThat(admin.role()).isEqualTo(AdminRole.PREFECTURE_ADMIN);
        assertThat(admin.scopeSiteId()).isNull();
        assertThat(admin.enabled()).isTrue();
        assertThat(admin.passwordHash()).startsWith("$2a$").doesNotContain(password);
        assertThat(encoder.matches(password, admin.passwordHash())).isTrue();
        assertThat(output.getAll()).contains(file.toString()).doesNotContain(password);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE entity_type = 'admin' AND action = 'create'")
                .query(Long.class).single()).isEqualTo(1);

        // A second start changes nothing.
        assertThat(initialAdmin.createIfNone(dataDir)).isEmpty();
        assertThat(Files.readString(file).trim()).isEqualTo(password);
        assertThat(admins.count()).isEqualTo(1);
    }

    @Test
    void aLeftoverFileWithAnEmptyTableStopsTheStartAndIsKept() throws Exception {
        Path file = dataDir.resolve("initial-admin-password");
        Files.writeString(file, "from-another-database\n");
        assertThatThrownBy(() -> initialAdmin.createIfNone(dataDir))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(file.toAbsolutePath().toString());
        assertThat(admins.count()).isZero();
        assertThat(Files.readString(file)).isEqualTo("from-another-database\n");
    }
}
