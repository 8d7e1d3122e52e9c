package org.govtel.provisioning.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.govtel.provisioning.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The first admin, lockout, admin management and the own-password change. */
class AdminApiTest extends ApiTest {

    @Autowired
    InitialAdmin initialAdmin;
    @Autowired
    AdminRepository admins;

    @Test
    void theFirstAdminsPasswordIsInAnOwnerOnlyFileAndWorks() throws Exception {
        Path file = fixture.dataDir().resolve(InitialAdmin.FILE_NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String password = Files.readString(file).trim();
        assertThat(password).hasSizeGreaterThanOrEqualTo(16);
        assertThat(admins.findByUsername("admin").orElseThrow().passwordHash()).startsWith("$2").doesNotContain(password);
        mvc.perform(get("/api/me").with(httpBasic("admin", password))).andExpect(status().isOk())
                .andExpect(jsonPath("$.role").value("PREFECTURE_ADMIN"));
        mvc.perform(get("/api/me").with(httpBasic("admin", password + "x"))).andExpect(status().isUnauthorized());
        // A second start with admins in the database does nothing.
        assertThat(initialAdmin.createIfNone(fixture.dataDir())).isEmpty();
    }

    @Test
    void fiveFailuresLockTheAccountForFifteenMinutes() throws Exception {
        as(ADMIN, withJson(post("/api/admins"), toJson(Map.of("username", "lockme", "password", "lockme-password-1",
                "role", "AUDITOR")))).andExpect(status().isCreated());
        for (int i = 0; i < 5; i++) {
            mvc.perform(get("/api/me").with(httpBasic("lockme", "wrong-" + i))).andExpect(status().isUnauthorized());
        }
        // Locked: the right password is refused too.
        mvc.perform(get("/api/me").with(httpBasic("lockme", "lockme-password-1"))).andExpect(status().isUnauthorized());
        as(ADMIN, get("/api/admins/lockme")).andExpect(jsonPath("$.locked").value(true));
        clock.advance(Duration.ofMinutes(14));
        mvc.perform(get("/api/me").with(httpBasic("lockme", "lockme-password-1"))).andExpect(status().isUnauthorized());
        clock.advance(Duration.ofMinutes(2));
        mvc.perform(get("/api/me").with(httpBasic("lockme", "lockme-password-1"))).andExpect(status().isOk());
        as(ADMIN, get("/api/admins/lockme")).andExpect(jsonPath("$.locked").value(false))
                .andExpect(jsonPath("$.failedLogins").value(0));

        // Four failures, a success: the count starts again.
        for (int i = 0; i < 4; i++) {
            mvc.perform(get("/api/me").with(httpBasic("lockme", "wrong"))).andExpect(status().isUnauthorized());
        }
        mvc.perform(get("/api/me").with(httpBasic("lockme", "lockme-password-1"))).andExpect(status().isOk());
        mvc.perform(get("/api/me").with(httpBasic("lockme", "wrong"))).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/me").with(httpBasic("lockme", "lockme-password-1"))).andExpect(status().isOk());

        // An admin can lift a lockout early.
        for (int i = 0; i < 5; i++) {
            mvc.perform(get("/api/me").with(httpBasic("lockme", "wrong"))).andExpect(status().isUnauthorized());
        }
        as(ADMIN, post("/api/admins/lockme/unlock")).andExpect(status().isOk()).andExpect(jsonPath("$.locked").value(false));
        mvc.perform(get("/api/me").with(httpBasic("lockme", "lockme-password-1"))).andExpect(status().isOk());

        JsonNode audit = body(as(ADMIN, get("/api/audit").param("entityType", "admin").param("entityId", "lockme")));
        assertThat(audit.get("items").findValuesAsText("action")).contains("lockout", "unlock", "create");
    }

    @Test
    void siteAdminsManageAdminsInsideTheirScopeOnly() throws Exception {
        long huocheng = site("huocheng").id();
        long huiyuan = site("huiyuan").id();
        long gongliu = site("gongliu").id();
        JsonNode created = body(as(HUOCHENG, withJson(post("/api/admins"),
                toJson(Map.of("username", "huiyuan-admin", "role", "SITE_ADMIN", "scopeSiteId", huiyuan))))
                .andExpect(status().isCreated()));
        String generated = created.get("password").asText();
        assertThat(generated).hasSize(16);
        mvc.perform(get("/api/me").with(httpBasic("huiyuan-admin", generated))).andExpect(status().isOk())
                .andExpect(jsonPath("$.scopeSiteId").value(huiyuan));

        as(HUOCHENG, withJson(post("/api/admins"), toJson(Map.of("username", "x-gongliu", "role", "SITE_ADMIN",
                "scopeSiteId", gongliu)))).andExpect(status().isForbidden());
        as(HUOCHENG, withJson(post("/api/admins"), toJson(Map.of("username", "x-pref", "role", "PREFECTURE_ADMIN"))))
                .andExpect(status().isForbidden());
        as(HUOCHENG, withJson(post("/api/admins"), toJson(Map.of("username", "x-auditor", "role", "AUDITOR"))))
                .andExpect(status().isForbidden());
        as(HUOCHENG, get("/api/admins/admin")).andExpect(status().isForbidden());
        JsonNode visible = body(as(HUOCHENG, get("/api/admins")));
        assertThat(visible.get("items").findValuesAsText("username")).contains("huocheng-admin", "huiyuan-admin")
                .doesNotContain("admin", "auditor");

        // Validation and conflicts.
        as(ADMIN, withJson(post("/api/admins"), toJson(Map.of("username", "A!", "role", "SITE_ADMIN"))))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("username"));
        as(ADMIN, withJson(post("/api/admins"), toJson(Map.of("username", "nosite", "role", "SITE_ADMIN"))))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("scopeSiteId"));
        as(ADMIN, withJson(post("/api/admins"), toJson(Map.of("username", "weak", "role", "AUDITOR", "password", "short"))))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("password"));
        as(ADMIN, withJson(post("/api/admins"), toJson(Map.of("username", "huiyuan-admin", "role", "AUDITOR"))))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.field").value("username"));
        as(ADMIN, withJson(post("/api/admins"), toJson(Map.of("username", "badrole", "role", "ROOT"))))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("role"));

        // Change, reset, delete.
        as(HUOCHENG, withJson(put("/api/admins/huiyuan-admin"),
                toJson(Map.of("role", "AUDITOR", "scopeSiteId", huocheng, "enabled", true))))
                .andExpect(status().isOk()).andExpect(jsonPath("$.role").value("AUDITOR"));
        JsonNode reset = body(as(HUOCHENG, post("/api/admins/huiyuan-admin/password")).andExpect(status().isOk()));
        mvc.perform(get("/api/me").with(httpBasic("huiyuan-admin", reset.get("password").asText())))
                .andExpect(status().isOk()).andExpect(jsonPath("$.role").value("AUDITOR"));
        as(HUOCHENG, delete("/api/admins/huiyuan-admin")).andExpect(status().isNoContent());
        as(HUOCHENG, get("/api/admins/huiyuan-admin")).andExpect(status().isNotFound());

        // Nobody removes themself; the last prefecture admin stays.
        as(ADMIN, delete("/api/admins/admin")).andExpect(status().isConflict());
        as(ADMIN, withJson(put("/api/admins/admin"), toJson(Map.of("role", "PREFECTURE_ADMIN", "enabled", false))))
                .andExpect(status().isConflict());
    }

    @Test
    void everyAdminChangesTheirOwnPasswordWithTheCurrentOne() throws Exception {
        as(ADMIN, withJson(post("/api/admins"), toJson(Map.of("username", "selfchange", "password", "selfchange-old-1",
                "role", "AUDITOR")))).andExpect(status().isCreated());
        mvc.perform(withJson(post("/api/me/password"), toJson(Map.of("currentPassword", "wrong-password",
                        "newPassword", "selfchange-new-1"))).with(httpBasic("selfchange", "selfchange-old-1")))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("currentPassword"));
        mvc.perform(withJson(post("/api/me/password"), toJson(Map.of("currentPassword", "selfchange-old-1",
                        "newPassword", "selfchange-new-1"))).with(httpBasic("selfchange", "selfchange-old-1")))
                .andExpect(status().isNoContent());
        mvc.perform(get("/api/me").with(httpBasic("selfchange", "selfchange-new-1"))).andExpect(status().isOk());
        mvc.perform(get("/api/me").with(httpBasic("selfchange", "selfchange-old-1"))).andExpect(status().isUnauthorized());
    }
}
