package org.govtel.provisioning.extension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.govtel.provisioning.ApiTest;
import org.govtel.provisioning.office.OfficeRepository;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Extensions through the REST API: create, validation, duplicates, search, changes, audit. */
class ExtensionApiTest extends ApiTest {

    @Autowired
    ExtensionRepository extensions;
    @Autowired
    OfficeRepository offices;
    @Autowired
    JdbcClient jdbc;

    private Map<String, Object> extension(String number, String name) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("number", number);
        m.put("displayName", name);
        return m;
    }

    @Test
    void createShowsAGeneratedPasswordOnceAndStoresOnlyItsDigests() throws Exception {
        long office = offices.findBySite(site("huocheng").id()).get(0).id();
        Map<String, Object> req = extension("130901", "霍城县 测试");
        req.put("officeId", office);
        req.put("displayNameUg", "سىناق");
        JsonNode created = body(as(HUOCHENG, withJson(post("/api/extensions"), toJson(req)))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/extensions/130901")));
        String password = created.get("password").asText();
        assertThat(password).hasSize(Passwords.LENGTH);
        assertThat(created.at("/extension/siteCode").asText()).isEqualTo("huocheng");
        assertThat(created.at("/extension/enabled").asBoolean()).isTrue();
        assertThat(created.at("/extension/displayNameUg").asText()).isEqualTo("سىناق");
        assertThat(created.toString()).doesNotContain("ha1");

        Extension stored = extensions.findByNumber("130901").orElseThrow();
        assertThat(stored.secrets().matches("130901", "govtel", password)).isTrue();
        assertThat(stored.officeId()).isEqualTo(office);
        // The password is nowhere in the database: not in the row, not in the audit log.
        String everything = jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE after_json LIKE :p OR before_json LIKE :p")
                .param("p", "%" + password + "%").query(Long.class).single().toString();
        assertThat(everything).isEqualTo("0");

        // Reading it back never shows a password again.
        String again = as(HUOCHENG, get("/api/extensions/130901")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(again).doesNotContain(password).doesNotContain("password");

        // A reset gives a new one, once; the old one stops matching.
        JsonNode reset = body(as(HUOCHENG, post("/api/extensions/130901/password")).andExpect(status().isOk()));
        String newPassword = reset.get("password").asText();
        assertThat(newPassword).isNotEqualTo(password);
        Extension rekeyed = extensions.findByNumber("130901").orElseThrow();
        assertThat(rekeyed.secrets().matches("130901", "govtel", newPassword)).isTrue();
        assertThat(rekeyed.secrets().matches("130901", "govtel", password)).isFalse();
    }

    @Test
    void theSiteComesFromTheNumberBlockWhenLeftOut() throws Exception {
        as(ADMIN, withJson(post("/api/extensions"), toJson(extension("139901", "惠远 测试"))))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.extension.siteCode").value("huiyuan"));
    }

    @Test
    void invalidFieldsGet400NamingEachField() throws Exception {
        Map<String, Object> bad = extension("13ab", "");
        bad.put("forwarding", Map.of("busy", "x1"));
        bad.put("password", "short");
        JsonNode problem = body(as(ADMIN, withJson(post("/api/extensions"), toJson(bad))).andExpect(status().isBadRequest()));
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("errors").findValuesAsText("field"))
                .contains("number", "displayName", "forwarding.busy", "password");

        // Outside the site's block, or in a township's block given the county.
        Map<String, Object> outside = extension("140950", "x");
        outside.put("siteId", site("huocheng").id());
        as(ADMIN, withJson(post("/api/extensions"), toJson(outside))).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("number"))
                .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString("block 13")));
        Map<String, Object> township = extension("139950", "x");
        township.put("siteId", site("huocheng").id());
        as(ADMIN, withJson(post("/api/extensions"), toJson(township))).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("number"));

        // An office of another site.
        Map<String, Object> wrongOffice = extension("130950", "x");
        wrongOffice.put("officeId", offices.findBySite(site("gongliu").id()).get(0).id());
        as(ADMIN, withJson(post("/api/extensions"), toJson(wrongOffice))).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("officeId"));

        // Not JSON of the right form: the field is named too.
        as(ADMIN, withJson(post("/api/extensions"), "{\"number\":\"130951\",\"displayName\":\"x\",\"enabled\":\"maybe\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("enabled"));
        assertThat(extensions.findByNumber("130950")).isEmpty();
    }

    @Test
    void aTakenNumberGets409AnywhereInTheNetwork() throws Exception {
        as(ADMIN, withJson(post("/api/extensions"), toJson(extension("100101", "dup"))))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.field").value("number"));
        as(ADMIN, get("/api/extensions/999999")).andExpect(status().isNotFound());
    }

    @Test
    void searchAndPagingReturnTheTotal() throws Exception {
        JsonNode all = body(as(ADMIN, get("/api/extensions").param("size", "5")).andExpect(status().isOk()));
        assertThat(all.get("items")).hasSize(5);
        assertThat(all.get("total").asLong()).isEqualTo(extensions.count());

        JsonNode byName = body(as(ADMIN, get("/api/extensions").param("q", "都拉塔")).andExpect(status().isOk()));
        assertThat(byName.get("total").asLong()).isZero();
        JsonNode dulata = body(as(ADMIN, get("/api/extensions").param("q", "联检大厅")).andExpect(status().isOk()));
        assertThat(dulata.get("total").asLong()).isEqualTo(3);
        JsonNode page1 = body(as(ADMIN, get("/api/extensions").param("q", "31").param("page", "1").param("size", "2")));
        assertThat(page1.get("page").asInt()).isEqualTo(1);
        assertThat(page1.get("items").get(0).get("number").asText()).startsWith("31");

        // A site admin's list holds their subtree only.
        JsonNode scoped = body(as(HUOCHENG, get("/api/extensions").param("size", "1000")));
        assertThat(scoped.get("items").findValuesAsText("number")).isNotEmpty()
                .allSatisfy(n -> assertThat(n).startsWith("13"));
        assertThat(scoped.get("total").asLong()).isEqualTo(scoped.get("items").size());

        as(ADMIN, get("/api/extensions").param("size", "0")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("size"));
    }

    @Test
    void updateStoresForwardingAndDisableAndDeleteAreAudited() throws Exception {
        as(ADMIN, withJson(post("/api/extensions"), toJson(extension("130902", "转移 测试"))))
                .andExpect(status().isCreated());
        Map<String, Object> update = new LinkedHashMap<>();
        update.put("displayName", "转移 测试 2");
        update.put("forwarding", Map.of("always", "", "busy", "100201", "noAnswer", "130101"));
        as(HUOCHENG, withJson(put("/api/extensions/130902"), toJson(update))).andExpect(status().isOk())
                .andExpect(jsonPath("$.forwarding.busy").value("100201"))
                .andExpect(jsonPath("$.forwarding.always").doesNotExist());
        Extension stored = extensions.findByNumber("130902").orElseThrow();
        assertThat(stored.forwarding()).isEqualTo(new Extension.Forwarding(null, "100201", "130101"));
        assertThat(stored.displayName()).isEqualTo("转移 测试 2");

        update.put("forwarding", Map.of("always", "130902"));
        as(HUOCHENG, withJson(put("/api/extensions/130902"), toJson(update))).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("forwarding.always"));

        as(HUOCHENG, post("/api/extensions/130902/disable")).andExpect(status().isOk())
                .andExpect(jsonPath("$.enabled").value(false));
        assertThat(extensions.findByNumber("130902").orElseThrow().enabled()).isFalse();
        as(HUOCHENG, get("/api/extensions/130902/registration")).andExpect(status().isOk())
                .andExpect(jsonPath("$.online").value(false))
                .andExpect(jsonPath("$.enabled").value(false));
        as(HUOCHENG, post("/api/extensions/130902/enable")).andExpect(jsonPath("$.enabled").value(true));
        as(HUOCHENG, delete("/api/extensions/130902")).andExpect(status().isNoContent());
        assertThat(extensions.findByNumber("130902")).isEmpty();

        JsonNode audit = body(as(ADMIN, get("/api/audit").param("entityType", "extension").param("entityId", "130902")));
        assertThat(audit.get("items").findValuesAsText("action"))
                .containsExactly("delete", "enable", "disable", "update", "create");
        JsonNode update1 = audit.get("items").get(3);
        assertThat(update1.get("actor").asText()).isEqualTo(HUOCHENG);
        assertThat(update1.at("/before/forwarding/busy").isNull()).isTrue();
        assertThat(update1.at("/after/forwarding/busy").asText()).isEqualTo("100201");
        assertThat(update1.get("at").asText()).isNotBlank();
        JsonNode deleted = audit.get("items").get(0);
        assertThat(deleted.get("after").isNull()).isTrue();
        assertThat(deleted.at("/before/number").asText()).isEqualTo("130902");
    }
}
