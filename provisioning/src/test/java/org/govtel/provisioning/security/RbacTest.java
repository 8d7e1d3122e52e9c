package org.govtel.provisioning.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.govtel.provisioning.ApiTest;
import org.govtel.provisioning.admin.AdminRepository;
import org.govtel.provisioning.device.DeviceRepository;
import org.govtel.provisioning.room.RoomRepository;
import org.govtel.provisioning.extension.ExtensionRepository;
import org.govtel.provisioning.office.OfficeRepository;
import org.govtel.provisioning.site.Site;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Every endpoint against every role: anonymous 401; auditors read and never write (403); a
 * Huocheng site admin (and a Huocheng auditor) get 403 on another county's site, office,
 * extension, device and admin and on creates outside their scope; what each may do, they can.
 */
class RbacTest extends ApiTest {

    @Autowired
    ExtensionRepository extensions;
    @Autowired
    OfficeRepository offices;
    @Autowired
    AdminRepository admins;
    @Autowired
    DeviceRepository devices;
    @Autowired
    RoomRepository rooms;

    record Call(HttpMethod method, String path, String body, String contentType) {
        boolean write() {
            return method != HttpMethod.GET;
        }

        MockHttpServletRequestBuilder build() {
            MockHttpServletRequestBuilder r = request(method, path);
            if (body != null) {
                r.contentType(contentType).content(body);
            }
            return r;
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static Call call(HttpMethod method, String path) {
        return new Call(method, path, null, null);
    }

    Call call(HttpMethod method, String path, Object body) {
        return new Call(method, path, toJson(body), MediaType.APPLICATION_JSON_VALUE);
    }

    Site gongliu;
    long gongliuOffice;
    long gongliuDevice;

    @BeforeEach
    void otherCounty() throws Exception {
        gongliu = site("gongliu");
        gongliuOffice = offices.findBySite(gongliu.id()).get(0).id();
        if (admins.findByUsername("gongliu-admin").isEmpty()) {
            as(ADMIN, withJson(request(HttpMethod.POST, "/api/admins"), toJson(Map.of("username", "gongliu-admin",
                    "role", "SITE_ADMIN", "scopeSiteId", gongliu.id(), "password", "gongliu-password-1"))));
        }
        if (devices.findByMac("001565990001").isEmpty()) {
            as(ADMIN, withJson(request(HttpMethod.POST, "/api/devices"), toJson(gongliuDeviceBody())));
        }
        gongliuDevice = devices.findByMac("001565990001").orElseThrow().id();
    }

    Map<String, Object> gongliuDeviceBody() {
        return Map.of("mac", "00:15:65:99:00:01", "vendor", "yealink", "model", "T46U", "siteId", gongliu.id(),
                "lines", List.of(Map.of("line", 1, "extension", "140101")));
    }

    /** Requests aimed at Gongliu County's data, with valid bodies (so only the scope can refuse them). */
    List<Call> otherCountyCalls() {
        long g = gongliu.id();
        return List.of(
                call(HttpMethod.GET, "/api/sites/" + g),
                call(HttpMethod.PUT, "/api/sites/" + g, Map.of("parentId", gongliu.parentId(), "kind", "COUNTY",
                        "code", "gongliu", "nameZh", "巩留县", "nameEn", "Gongliu County", "numberPrefix", "14")),
                call(HttpMethod.DELETE, "/api/sites/" + g),
                call(HttpMethod.POST, "/api/sites", Map.of("parentId", g, "kind", "TOWNSHIP", "code", "rbac-town",
                        "nameZh", "测试镇", "nameEn", "Test Town", "numberPrefix", "148")),
                call(HttpMethod.POST, "/api/sites", Map.of("kind", "SEAT", "code", "seat2", "nameZh", "二",
                        "nameEn", "Second seat", "numberPrefix", "19")),
                call(HttpMethod.GET, "/api/offices/" + gongliuOffice),
                call(HttpMethod.PUT, "/api/offices/" + gongliuOffice, Map.of("siteId", g, "nameZh", "巩留县人民政府办公室")),
                call(HttpMethod.DELETE, "/api/offices/" + gongliuOffice),
                call(HttpMethod.POST, "/api/offices", Map.of("siteId", g, "nameZh", "测试局")),
                call(HttpMethod.GET, "/api/extensions/140101"),
                call(HttpMethod.GET, "/api/extensions/140101/registration"),
                call(HttpMethod.PUT, "/api/extensions/140101", Map.of("displayName", "hijacked")),
                call(HttpMethod.POST, "/api/extensions/140101/disable"),
                call(HttpMethod.POST, "/api/extensions/140101/enable"),
                call(HttpMethod.POST, "/api/extensions/140101/password"),
                call(HttpMethod.DELETE, "/api/extensions/140101"),
                call(HttpMethod.POST, "/api/extensions", Map.of("number", "140990", "displayName", "x")),
                call(HttpMethod.POST, "/api/extensions", Map.of("number", "140991", "displayName", "x", "siteId", g)),
                call(HttpMethod.GET, "/api/devices/" + gongliuDevice),
                call(HttpMethod.PUT, "/api/devices/" + gongliuDevice, gongliuDeviceBody()),
                call(HttpMethod.DELETE, "/api/devices/" + gongliuDevice),
                call(HttpMethod.GET, "/api/devices/" + gongliuDevice + "/fetches"),
                call(HttpMethod.POST, "/api/devices/" + gongliuDevice + "/provisioning-password"),
                call(HttpMethod.POST, "/api/devices", Map.of("mac", "00:15:65:99:00:02", "vendor", "fanvil",
                        "model", "X3U", "siteId", g)),
                // A device of one's own county with another county's extension on it.
                call(HttpMethod.POST, "/api/devices", Map.of("mac", "00:15:65:99:00:03", "vendor", "fanvil",
                        "model", "X3U", "siteId", site("huocheng").id(),
                        "lines", List.of(Map.of("line", 1, "extension", "140101")))),
                call(HttpMethod.GET, "/api/admins/gongliu-admin"),
                call(HttpMethod.PUT, "/api/admins/gongliu-admin", Map.of("role", "AUDITOR", "scopeSiteId", g,
                        "enabled", true)),
                call(HttpMethod.POST, "/api/admins/gongliu-admin/password", Map.of()),
                call(HttpMethod.POST, "/api/admins/gongliu-admin/unlock"),
                call(HttpMethod.DELETE, "/api/admins/gongliu-admin"),
                call(HttpMethod.POST, "/api/admins", Map.of("username", "rbac-x", "role", "SITE_ADMIN",
                        "scopeSiteId", g)),
                call(HttpMethod.POST, "/api/admins", Map.of("username", "rbac-y", "role", "PREFECTURE_ADMIN")),
                // Meeting rooms are prefecture-wide: only a prefecture admin manages them.
                call(HttpMethod.POST, "/api/rooms", Map.of("number", "880901", "nameZh", "会议室")),
                call(HttpMethod.PUT, "/api/rooms/880901", Map.of("nameZh", "改名")),
                call(HttpMethod.DELETE, "/api/rooms/880901"));
    }

    List<Call> listCalls() {
        return List.of(call(HttpMethod.GET, "/api/sites"), call(HttpMethod.GET, "/api/offices"),
                call(HttpMethod.GET, "/api/extensions"), call(HttpMethod.GET, "/api/extensions/export"),
                call(HttpMethod.GET, "/api/devices"),
                call(HttpMethod.GET, "/api/admins"), call(HttpMethod.GET, "/api/audit"), call(HttpMethod.GET, "/api/me"),
                call(HttpMethod.GET, "/api/rooms"));
    }

    @Test
    void anonymousGets401Everywhere() throws Exception {
        List<Call> all = new ArrayList<>(otherCountyCalls());
        all.addAll(listCalls());
        all.add(new Call(HttpMethod.POST, "/api/extensions/import", "number,display_name,site\n", "text/csv"));
        all.add(call(HttpMethod.POST, "/api/me/password", Map.of("currentPassword", "a", "newPassword", "b")));
        for (Call c : all) {
            assertThat(as(null, c.build()).andReturn().getResponse().getStatus()).as(c.toString()).isEqualTo(401);
        }
    }

    @Test
    void aHuochengAdminGets403OnAnotherCountyAndOnGlobalCreates() throws Exception {
        for (Call c : otherCountyCalls()) {
            assertThat(as(HUOCHENG, c.build()).andReturn().getResponse().getStatus()).as(c.toString()).isEqualTo(403);
            assertThat(as(HUOCHENG_AUDITOR, c.build()).andReturn().getResponse().getStatus()).as(c.toString())
                    .isEqualTo(403);
        }
        // Nothing changed.
        assertThat(extensions.findByNumber("140101").orElseThrow().enabled()).isTrue();
        assertThat(extensions.findByNumber("140101").orElseThrow().displayName()).isNotEqualTo("hijacked");
        assertThat(extensions.findByNumber("140990")).isEmpty();
        assertThat(offices.findById(gongliuOffice)).isPresent();
        assertThat(admins.findByUsername("gongliu-admin").orElseThrow().role().name()).isEqualTo("SITE_ADMIN");
        assertThat(admins.findByUsername("rbac-y")).isEmpty();
        assertThat(devices.findById(gongliuDevice)).isPresent();
        assertThat(devices.findByMac("001565990002")).isEmpty();
        assertThat(devices.findByMac("001565990003")).isEmpty();
        assertThat(rooms.findByNumber("880901")).isEmpty();
    }

    @Test
    void auditorsReadEverythingAndWriteNothing() throws Exception {
        for (Call c : otherCountyCalls()) {
            int status = as(AUDITOR, c.build()).andReturn().getResponse().getStatus();
            assertThat(status).as(c.toString()).isEqualTo(c.write() ? 403 : 200);
        }
        assertThat(as(AUDITOR, new Call(HttpMethod.POST, "/api/extensions/import", "number,display_name,site\n",
                "text/csv").build()).andReturn().getResponse().getStatus()).isEqualTo(403);
        for (Call c : listCalls()) {
            assertThat(as(AUDITOR, c.build()).andReturn().getResponse().getStatus()).as(c.toString()).isEqualTo(200);
            assertThat(as(HUOCHENG_AUDITOR, c.build()).andReturn().getResponse().getStatus()).as(c.toString())
                    .isEqualTo(200);
        }
    }

    /** The whole provisioning fetch log (also unknown MACs) is for prefecture-wide readers only. */
    @Test
    void theWholeFetchLogIsForPrefectureWideReaders() throws Exception {
        Call log = call(HttpMethod.GET, "/api/provisioning-fetches");
        assertThat(as(null, log.build()).andReturn().getResponse().getStatus()).isEqualTo(401);
        assertThat(as(ADMIN, log.build()).andReturn().getResponse().getStatus()).isEqualTo(200);
        assertThat(as(AUDITOR, log.build()).andReturn().getResponse().getStatus()).isEqualTo(200);
        assertThat(as(HUOCHENG, log.build()).andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(as(HUOCHENG_AUDITOR, log.build()).andReturn().getResponse().getStatus()).isEqualTo(403);
    }

    @Test
    void scopedListsShowTheSubtreeOnly() throws Exception {
        JsonNode siteList = body(as(HUOCHENG, request(HttpMethod.GET, "/api/sites")));
        assertThat(siteList.get("items").findValuesAsText("code")).containsExactlyInAnyOrder("huocheng", "qingshuihe",
                "huiyuan");
        JsonNode officeList = body(as(HUOCHENG_AUDITOR, request(HttpMethod.GET, "/api/offices").param("size", "1000")));
        List<Long> scope = List.of(site("huocheng").id(), site("qingshuihe").id(), site("huiyuan").id());
        officeList.get("items").forEach(o -> assertThat(scope).contains(o.get("siteId").asLong()));
        JsonNode deviceList = body(as(HUOCHENG_AUDITOR, request(HttpMethod.GET, "/api/devices").param("size", "1000")));
        deviceList.get("items").forEach(d -> assertThat(scope).contains(d.get("siteId").asLong()));
        assertThat(deviceList.get("items").findValuesAsText("mac")).doesNotContain("001565990001");
        JsonNode audit = body(as(HUOCHENG, request(HttpMethod.GET, "/api/audit").param("size", "1000")));
        audit.get("items").forEach(e -> assertThat(scope).contains(e.get("siteId").asLong()));
        JsonNode prefectureAudit = body(as(AUDITOR, request(HttpMethod.GET, "/api/audit").param("size", "1000")));
        assertThat(prefectureAudit.get("total").asLong()).isGreaterThan(audit.get("total").asLong());
    }

    /** Each role may do what it is for: the whole lifecycle, through every write endpoint. */
    @Test
    void siteAndPrefectureAdminsMayUseEveryEndpointInsideTheirScope() throws Exception {
        lifecycle(HUOCHENG, site("huocheng"), "137", "rbac-h");
        lifecycle(ADMIN, gongliu, "149", "rbac-p");
    }

    private void lifecycle(String who, Site county, String prefix, String name) throws Exception {
        JsonNode town = body(expect(who, call(HttpMethod.POST, "/api/sites", Map.of("parentId", county.id(),
                "kind", "TOWNSHIP", "code", name, "nameZh", name, "nameEn", name, "numberPrefix", prefix)), 201));
        long townId = town.get("id").asLong();
        expect(who, call(HttpMethod.GET, "/api/sites/" + townId), 200);
        expect(who, call(HttpMethod.PUT, "/api/sites/" + townId, Map.of("parentId", county.id(), "kind", "TOWNSHIP",
                "code", name, "nameZh", name + "镇", "nameEn", name, "numberPrefix", prefix,
                "timeZone", "Asia/Urumqi")), 200);
        JsonNode office = body(expect(who, call(HttpMethod.POST, "/api/offices", Map.of("siteId", townId,
                "nameZh", name + "政府")), 201));
        long officeId = office.get("id").asLong();
        expect(who, call(HttpMethod.GET, "/api/offices/" + officeId), 200);
        expect(who, call(HttpMethod.PUT, "/api/offices/" + officeId, Map.of("siteId", townId, "nameZh", name + "政府",
                "nameEn", "Government")), 200);
        String number = prefix + "001";
        expect(who, call(HttpMethod.POST, "/api/extensions", Map.of("number", number, "displayName", name,
                "officeId", officeId)), 201);
        expect(who, call(HttpMethod.GET, "/api/extensions/" + number), 200);
        expect(who, call(HttpMethod.GET, "/api/extensions/" + number + "/registration"), 200);
        expect(who, call(HttpMethod.PUT, "/api/extensions/" + number, Map.of("displayName", name + " 2",
                "officeId", officeId)), 200);
        expect(who, call(HttpMethod.POST, "/api/extensions/" + number + "/disable"), 200);
        expect(who, call(HttpMethod.POST, "/api/extensions/" + number + "/enable"), 200);
        expect(who, call(HttpMethod.POST, "/api/extensions/" + number + "/password"), 200);
        String mac = "00:15:65:98:" + prefix.substring(1) + ":01";
        Map<String, Object> device = Map.of("mac", mac, "vendor", "polycom", "model", "VVX 450", "siteId", townId,
                "lines", List.of(Map.of("line", 1, "extension", number)));
        long deviceId = body(expect(who, call(HttpMethod.POST, "/api/devices", device), 201)).get("id").asLong();
        expect(who, call(HttpMethod.GET, "/api/devices/" + deviceId), 200);
        expect(who, call(HttpMethod.PUT, "/api/devices/" + deviceId, Map.of("mac", mac, "vendor", "polycom",
                "model", "VVX 450", "siteId", townId, "description", "2", "lines",
                List.of(Map.of("line", 2, "extension", number)))), 200);
        JsonNode renewed = body(expect(who, call(HttpMethod.POST, "/api/devices/" + deviceId + "/provisioning-password"),
                200));
        assertThat(renewed.get("provisioningPassword").asText()).hasSize(24);
        expect(who, call(HttpMethod.GET, "/api/devices/" + deviceId + "/fetches"), 200);
        expect(who, call(HttpMethod.DELETE, "/api/sites/" + townId), 409); // a device is there
        expect(who, call(HttpMethod.DELETE, "/api/devices/" + deviceId), 204);
        expect(who, new Call(HttpMethod.POST, "/api/extensions/import",
                "number,display_name,site\n" + prefix + "002,imported," + name + "\n", "text/csv"), 200);
        expect(who, call(HttpMethod.GET, "/api/extensions/export"), 200);
        // Conflicts before the deletes: a site or office in use stays.
        expect(who, call(HttpMethod.DELETE, "/api/offices/" + officeId), 409);
        expect(who, call(HttpMethod.DELETE, "/api/sites/" + townId), 409);
        expect(who, call(HttpMethod.DELETE, "/api/extensions/" + number), 204);
        expect(who, call(HttpMethod.DELETE, "/api/extensions/" + prefix + "002"), 204);
        expect(who, call(HttpMethod.DELETE, "/api/offices/" + officeId), 204);

        String admin = name + "-admin";
        expect(who, call(HttpMethod.POST, "/api/admins", Map.of("username", admin, "role", "SITE_ADMIN",
                "scopeSiteId", townId)), 201);
        expect(who, call(HttpMethod.GET, "/api/admins/" + admin), 200);
        expect(who, call(HttpMethod.PUT, "/api/admins/" + admin, Map.of("role", "AUDITOR", "scopeSiteId", townId,
                "enabled", true)), 200);
        expect(who, call(HttpMethod.POST, "/api/admins/" + admin + "/password", Map.of("password", "a-long-password-1")), 200);
        expect(who, call(HttpMethod.POST, "/api/admins/" + admin + "/unlock"), 200);
        expect(who, call(HttpMethod.DELETE, "/api/sites/" + townId), 409); // an admin is scoped to it
        expect(who, call(HttpMethod.DELETE, "/api/admins/" + admin), 204);
        expect(who, call(HttpMethod.DELETE, "/api/sites/" + townId), 204);
        for (Call c : listCalls()) {
            expect(who, c, 200);
        }
    }

    private org.springframework.test.web.servlet.ResultActions expect(String who, Call c, int status) throws Exception {
        var result = as(who, c.build());
        assertThat(result.andReturn().getResponse().getStatus()).as(who + " " + c + ": "
                + result.andReturn().getResponse().getContentAsString()).isEqualTo(status);
        return result;
    }
}
