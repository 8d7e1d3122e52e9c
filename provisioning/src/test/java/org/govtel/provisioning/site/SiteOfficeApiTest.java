package org.govtel.provisioning.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import org.govtel.provisioning.ApiTest;
import org.junit.jupiter.api.Test;

/** Sites and offices: validation, block and name conflicts, search, the OpenAPI description. */
class SiteOfficeApiTest extends ApiTest {

    private Map<String, Object> township(long parent, String code, String prefix) {
        Map<String, Object> m = new HashMap<>();
        m.put("parentId", parent);
        m.put("kind", "TOWNSHIP");
        m.put("code", code);
        m.put("nameZh", code + "镇");
        m.put("nameEn", code + " Town");
        m.put("numberPrefix", prefix);
        return m;
    }

    @Test
    void siteValidationAndConflicts() throws Exception {
        long tekes = site("tekes").id();
        Map<String, Object> bad = township(tekes, "Bad Code!", "17x");
        bad.put("timeZone", "Mars/Olympus");
        JsonNode problem = body(as(ADMIN, withJson(post("/api/sites"), toJson(bad))).andExpect(status().isBadRequest()));
        assertThat(problem.get("errors").findValuesAsText("field")).contains("code", "numberPrefix");
        Map<String, Object> badZone = township(tekes, "zone", "176");
        badZone.put("timeZone", "Mars/Olympus");
        as(ADMIN, withJson(post("/api/sites"), toJson(badZone))).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("timeZone"));
        Map<String, Object> noParent = township(tekes, "orphan", "177");
        noParent.remove("parentId");
        as(ADMIN, withJson(post("/api/sites"), toJson(noParent))).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("parentId"));

        as(ADMIN, withJson(post("/api/sites"), toJson(township(tekes, "huiyuan", "178")))).andExpect(status().isConflict())
                .andExpect(jsonPath("$.field").value("code"));
        as(ADMIN, withJson(post("/api/sites"), toJson(township(tekes, "newtown", "139")))).andExpect(status().isConflict())
                .andExpect(jsonPath("$.field").value("numberPrefix"));
        // Block 171 holds Tekes's own extensions (171xx... no: 1701xx); 170 is in use by Tekes desks.
        as(ADMIN, withJson(post("/api/sites"), toJson(township(tekes, "newtown", "170")))).andExpect(status().isConflict())
                .andExpect(jsonPath("$.field").value("numberPrefix"));

        JsonNode created = body(as(ADMIN, withJson(post("/api/sites"), toJson(township(tekes, "qiaolake", "179"))))
                .andExpect(status().isCreated()));
        assertThat(created.get("localDigits").asInt()).isEqualTo(3);
        assertThat(created.get("timeZone").asText()).isEqualTo("Asia/Shanghai");
        long id = created.get("id").asLong();
        // A site cannot move below itself; the seat stays the seat.
        as(ADMIN, withJson(put("/api/sites/" + tekes), toJson(Map.of("parentId", id, "kind", "COUNTY", "code", "tekes",
                "nameZh", "特克斯县", "nameEn", "Tekes County", "numberPrefix", "17")))).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("parentId"));
        as(ADMIN, withJson(put("/api/sites/" + id), toJson(Map.of("kind", "SEAT", "code", "qiaolake", "nameZh", "x",
                "nameEn", "x", "numberPrefix", "179")))).andExpect(status().isBadRequest());
        // Tekes has extensions: its block cannot change.
        as(ADMIN, withJson(put("/api/sites/" + tekes), toJson(Map.of("parentId", site("seat").id(), "kind", "COUNTY",
                "code", "tekes", "nameZh", "特克斯县", "nameEn", "Tekes County", "numberPrefix", "19"))))
                .andExpect(status().isConflict());

        JsonNode search = body(as(AUDITOR, get("/api/sites").param("q", "qiaolake")));
        assertThat(search.get("total").asInt()).isEqualTo(1);
        JsonNode children = body(as(AUDITOR, get("/api/sites").param("parentId", Long.toString(tekes))));
        assertThat(children.get("items").findValuesAsText("code")).containsExactly("qiaolake");
        as(ADMIN, get("/api/sites/999999")).andExpect(status().isNotFound());
    }

    @Test
    void officesHaveUniqueNamesPerSite() throws Exception {
        long zhaosu = site("zhaosu").id();
        JsonNode office = body(as(ADMIN, withJson(post("/api/offices"), toJson(Map.of("siteId", zhaosu,
                "nameZh", "昭苏县 测试局", "nameEn", "Test Bureau")))).andExpect(status().isCreated()));
        as(ADMIN, withJson(post("/api/offices"), toJson(Map.of("siteId", zhaosu, "nameZh", "昭苏县 测试局"))))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.field").value("nameZh"));
        as(ADMIN, withJson(post("/api/offices"), toJson(Map.of("nameZh", "")))).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder("siteId", "nameZh")));
        as(ADMIN, withJson(post("/api/offices"), toJson(Map.of("siteId", 999999, "nameZh", "x"))))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("siteId"));
        JsonNode found = body(as(ADMIN, get("/api/offices").param("q", "test bureau")));
        assertThat(found.get("total").asInt()).isEqualTo(1);
        assertThat(found.at("/items/0/id").asLong()).isEqualTo(office.get("id").asLong());
        as(ADMIN, get("/api/offices/999999")).andExpect(status().isNotFound());
    }

    @Test
    void theOpenApiDescriptionIsPublicAndListsTheApi() throws Exception {
        JsonNode doc = body(mvc.perform(get("/v3/api-docs")).andExpect(status().isOk()));
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        assertThat(doc.get("paths").has("/api/extensions")).isTrue();
        assertThat(doc.get("paths").has("/api/extensions/{number}/registration")).isTrue();
        assertThat(doc.get("paths").has("/api/admins")).isTrue();
        assertThat(doc.get("paths").has("/api/audit")).isTrue();
        assertThat(doc.at("/components/securitySchemes/basic/scheme").asText()).isEqualTo("basic");
    }
}
