package org.govtel.provisioning.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItems;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.govtel.provisioning.ApiTest;
import org.govtel.provisioning.extension.ExtensionRepository;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Devices through the REST API: create with lines, MAC forms, duplicates, validation, changes, audit. */
class DeviceApiTest extends ApiTest {

    @Autowired
    DeviceRepository devices;
    @Autowired
    ExtensionRepository extensions;
    @Autowired
    JdbcClient jdbc;

    private Map<String, Object> device(String mac, String siteCode, List<Map<String, Object>> lines) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mac", mac);
        m.put("vendor", "yealink");
        m.put("model", "T54W");
        m.put("siteId", site(siteCode).id());
        m.put("description", "测试话机");
        m.put("lines", lines);
        return m;
    }

    private static Map<String, Object> line(int line, String extension) {
        return Map.of("line", line, "extension", extension);
    }

    /** A fresh extension of Huocheng County for the test's own use. */
    private void extension(String number) throws Exception {
        as(ADMIN, withJson(post("/api/extensions"), toJson(Map.of("number", number, "displayName", "设备测试 " + number))))
                .andExpect(status().isCreated());
    }

    private long create(String who, Map<String, Object> device) throws Exception {
        JsonNode created = body(as(who, withJson(post("/api/devices"), toJson(device))).andExpect(status().isCreated()));
        return created.get("id").asLong();
    }

    @Test
    void createWithLinesNormalisesTheMacAndIsAudited() throws Exception {
        extension("130801");
        extension("130802");
        JsonNode created = body(as(HUOCHENG, withJson(post("/api/devices"), toJson(device("00:15:65:AA:BB:01",
                "huocheng", List.of(line(2, "130802"), line(1, "130801"))))))
                .andExpect(status().isCreated()));
        long id = created.get("id").asLong();
        assertThat(as(HUOCHENG, get("/api/devices/" + id)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString()).contains("\"mac\":\"001565aabb01\"");
        assertThat(created.get("mac").asText()).isEqualTo("001565aabb01");
        assertThat(created.get("siteCode").asText()).isEqualTo("huocheng");
        assertThat(created.get("lines").findValuesAsText("extension")).containsExactly("130801", "130802");
        assertThat(created.get("lines").findValues("line").stream().map(JsonNode::asInt)).containsExactly(1, 2);

        Device stored = devices.findByMac("001565aabb01").orElseThrow();
        assertThat(stored.id()).isEqualTo(id);
        assertThat(stored.lines()).containsExactly(new Device.Line(1, "130801"), new Device.Line(2, "130802"));

        JsonNode audit = body(as(ADMIN, get("/api/audit").param("entityType", "device").param("entityId",
                Long.toString(id))));
        assertThat(audit.get("items").findValuesAsText("action")).containsExactly("create");
        assertThat(audit.get("items").findValuesAsText("actor")).containsExactly(HUOCHENG);

        // The other MAC forms are the same device.
        for (String form : List.of("00-15-65-aa-bb-01", "001565AABB01", "001565aabb01")) {
            as(ADMIN, withJson(post("/api/devices"), toJson(device(form, "huocheng", List.of()))))
                    .andExpect(status().isConflict())
                    .andExpect(jsonPath("$.field").value("mac"));
        }
        // Search by MAC with or without separators, and by model.
        assertThat(body(as(HUOCHENG, get("/api/devices").param("q", "aa:bb:01"))).get("total").asLong()).isEqualTo(1);
        assertThat(body(as(HUOCHENG, get("/api/devices").param("q", "AABB01"))).get("total").asLong()).isEqualTo(1);
        assertThat(body(as(ADMIN, get("/api/devices").param("q", "t54w"))).get("total").asLong()).isPositive();
    }

    @Test
    void anExtensionMayBeOnSeveralDevices() throws Exception {
        extension("130803");
        long desk = create(ADMIN, device("00:15:65:aa:bb:02", "huocheng", List.of(line(1, "130803"))));
        Map<String, Object> soft = device("00:15:65:aa:bb:03", "huocheng", List.of(line(1, "130803")));
        soft.put("vendor", "grandstream");
        long softphone = create(ADMIN, soft);
        assertThat(desk).isNotEqualTo(softphone);
        assertThat(devices.findById(softphone).orElseThrow().vendor()).isEqualTo("grandstream");
    }

    @Test
    void invalidFieldsGet400NamingEachField() throws Exception {
        extension("130804");
        Map<String, Object> bad = device("00:15:65:aa:bb", "huocheng", List.of(line(0, "130804"), line(17, "13ab")));
        bad.put("vendor", "cisco");
        bad.put("model", "");
        JsonNode problem = body(as(ADMIN, withJson(post("/api/devices"), toJson(bad))).andExpect(status().isBadRequest()));
        assertThat(problem.get("errors").findValuesAsText("field"))
                .contains("mac", "vendor", "model", "lines[0].line", "lines[1].line", "lines[1].extension");

        for (String mac : List.of("00:15:65:aa:bb:cg", "00:15-65:aa:bb:cc", "001565aabbccdd", "0015.65aa.bbcc")) {
            as(ADMIN, withJson(post("/api/devices"), toJson(device(mac, "huocheng", List.of()))))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value("mac"));
        }

        // Twice the same line number; an extension that does not exist; an unknown site.
        as(ADMIN, withJson(post("/api/devices"), toJson(device("00:15:65:aa:bb:10", "huocheng",
                List.of(line(1, "130804"), line(1, "130804"))))))
                .andExpect(status().isBadRequest())
                // Both the repeated line and the repeated extension are named; their order is not fixed.
                .andExpect(jsonPath("$.errors[*].field", hasItems("lines[1].line", "lines[1].extension")));
        as(ADMIN, withJson(post("/api/devices"), toJson(device("00:15:65:aa:bb:10", "huocheng",
                List.of(line(1, "130899"))))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("lines[0].extension"));
        Map<String, Object> noSite = device("00:15:65:aa:bb:10", "huocheng", List.of());
        noSite.put("siteId", 999_999);
        as(ADMIN, withJson(post("/api/devices"), toJson(noSite)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("siteId"));
        assertThat(devices.findByMac("001565aabb10")).isEmpty();

        // A site admin may not put another county's extension on a device.
        as(HUOCHENG, withJson(post("/api/devices"), toJson(device("00:15:65:aa:bb:11", "huocheng",
                List.of(line(1, "140101")))))).andExpect(status().isForbidden());
        assertThat(devices.findByMac("001565aabb11")).isEmpty();
        as(ADMIN, get("/api/devices/999999")).andExpect(status().isNotFound());
    }

    @Test
    void updateReplacesTheLinesAndDeleteRemovesTheDevice() throws Exception {
        extension("130805");
        extension("130806");
        long id = create(HUOCHENG, device("00:15:65:aa:bb:20", "huocheng", List.of(line(1, "130805"))));

        Map<String, Object> changed = device("00-15-65-AA-BB-21", "qingshuihe", List.of(line(1, "130806"),
                line(3, "130805")));
        changed.put("vendor", "fanvil");
        changed.put("model", "X4U");
        JsonNode updated = body(as(HUOCHENG, withJson(put("/api/devices/" + id), toJson(changed)))
                .andExpect(status().isOk()));
        assertThat(updated.get("mac").asText()).isEqualTo("001565aabb21");
        assertThat(updated.get("siteCode").asText()).isEqualTo("qingshuihe");
        Device stored = devices.findById(id).orElseThrow();
        assertThat(stored.vendor()).isEqualTo("fanvil");
        assertThat(stored.lines()).containsExactly(new Device.Line(1, "130806"), new Device.Line(3, "130805"));

        // Another device's MAC is a conflict; its own MAC is not.
        create(ADMIN, device("00:15:65:aa:bb:22", "huocheng", List.of()));
        Map<String, Object> taken = device("001565aabb22", "huocheng", List.of());
        as(HUOCHENG, withJson(put("/api/devices/" + id), toJson(taken))).andExpect(status().isConflict())
                .andExpect(jsonPath("$.field").value("mac"));
        as(HUOCHENG, withJson(put("/api/devices/" + id), toJson(device("001565aabb21", "huocheng", List.of()))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.lines").isEmpty());

        as(HUOCHENG, delete("/api/devices/" + id)).andExpect(status().isNoContent());
        as(HUOCHENG, get("/api/devices/" + id)).andExpect(status().isNotFound());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM device_lines WHERE device_id = :id").param("id", id)
                .query(Long.class).single()).isZero();
        JsonNode audit = body(as(ADMIN, get("/api/audit").param("entityType", "device").param("entityId",
                Long.toString(id))));
        assertThat(audit.get("items").findValuesAsText("action")).contains("create", "update", "delete");
    }

    @Test
    void deletingAnExtensionTakesItOffItsDevices() throws Exception {
        extension("130807");
        extension("130808");
        long id = create(ADMIN, device("00:15:65:aa:bb:30", "huocheng", List.of(line(1, "130807"),
                line(2, "130808"))));
        as(ADMIN, delete("/api/extensions/130807")).andExpect(status().isNoContent());
        assertThat(devices.findById(id).orElseThrow().lines()).containsExactly(new Device.Line(2, "130808"));
    }

    @Test
    void aSiteWithDevicesCannotBeDeleted() throws Exception {
        JsonNode town = body(as(ADMIN, withJson(post("/api/sites"), toJson(Map.of("parentId", site("huocheng").id(),
                "kind", "TOWNSHIP", "code", "device-town", "nameZh", "设备镇", "nameEn", "Device Town",
                "numberPrefix", "136")))).andExpect(status().isCreated()));
        long townId = town.get("id").asLong();
        Map<String, Object> d = device("00:15:65:aa:bb:40", "huocheng", List.of());
        d.put("siteId", townId);
        long id = create(ADMIN, d);
        as(ADMIN, delete("/api/sites/" + townId)).andExpect(status().isConflict());
        as(ADMIN, delete("/api/devices/" + id)).andExpect(status().isNoContent());
        as(ADMIN, delete("/api/sites/" + townId)).andExpect(status().isNoContent());
    }
}
