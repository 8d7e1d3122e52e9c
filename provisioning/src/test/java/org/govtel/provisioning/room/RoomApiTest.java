package org.govtel.provisioning.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.govtel.provisioning.ApiTest;
import org.govtel.provisioning.servicenumber.ServiceNumber;
import org.govtel.provisioning.servicenumber.ServiceNumberRepository;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Meeting rooms: who may manage them and see their PINs, validation, and the demo room seeding. */
class RoomApiTest extends ApiTest {

    @Autowired
    ServiceNumberRepository services;
    @Autowired
    DemoRoomSeeder demoRooms;
    @Autowired
    RoomRepository rooms;

    @Test
    void prefectureAdminCreatesARoomWithGeneratedPinsThatOnlyPrefectureAdminsSee() throws Exception {
        JsonNode created = body(as(ADMIN, withJson(post("/api/rooms"),
                "{\"number\":\"880101\",\"nameZh\":\"霍城县会议室\",\"nameEn\":\"Huocheng meeting room\"}"))
                .andExpect(status().isCreated()));
        String pin = created.get("pin").asText();
        assertThat(pin).matches("\\d{6}");
        assertThat(created.get("moderatorPin").asText()).matches("\\d{6}").isNotEqualTo(pin);
        // The number is now a conference service number: the dial plan routes it to the bridge.
        ServiceNumber service = services.findByNumber("880101").orElseThrow();
        assertThat(service.kind()).isEqualTo(ServiceNumber.Kind.CONFERENCE);
        assertThat(service.targetUri()).isEqualTo(RoomRepository.BRIDGE_TARGET);

        as(ADMIN, get("/api/rooms/880101")).andExpect(jsonPath("$.pin").value(pin));
        as(AUDITOR, get("/api/rooms/880101")).andExpect(status().isOk()).andExpect(jsonPath("$.pin").doesNotExist())
                .andExpect(jsonPath("$.nameZh").value("霍城县会议室"));
        as(HUOCHENG, get("/api/rooms")).andExpect(status().isOk()).andExpect(jsonPath("$[0].pin").doesNotExist());

        // The audit log records the room, never its PINs.
        String audit = as(ADMIN, get("/api/audit?entityType=room&entityId=880101")).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(audit).contains("880101").doesNotContain(pin);

        as(ADMIN, withJson(put("/api/rooms/880101"), "{\"nameZh\":\"霍城县会议室\",\"pin\":\"4321\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.pin").value("4321"))
                .andExpect(jsonPath("$.moderatorPin").value(created.get("moderatorPin").asText()));
        as(ADMIN, delete("/api/rooms/880101")).andExpect(status().isNoContent());
        assertThat(services.findByNumber("880101")).isEmpty();
        as(ADMIN, get("/api/rooms/880101")).andExpect(status().isNotFound());
    }

    @Test
    void onlyPrefectureAdminsManageRooms() throws Exception {
        String body = "{\"number\":\"880102\",\"nameZh\":\"会议室\"}";
        as(HUOCHENG, withJson(post("/api/rooms"), body)).andExpect(status().isForbidden());
        as(AUDITOR, withJson(post("/api/rooms"), body)).andExpect(status().isForbidden());
        as(null, get("/api/rooms")).andExpect(status().isUnauthorized());
        assertThat(rooms.findByNumber("880102")).isEmpty();
    }

    @Test
    void badRoomsAreRefusedNamingTheField() throws Exception {
        as(ADMIN, withJson(post("/api/rooms"), "{\"number\":\"100101\",\"nameZh\":\"x\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("number"));
        as(ADMIN, withJson(post("/api/rooms"), "{\"number\":\"880103\",\"nameZh\":\"\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("nameZh"));
        as(ADMIN, withJson(post("/api/rooms"), "{\"number\":\"880103\",\"nameZh\":\"x\",\"pin\":\"12a4\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("pin"));
        as(ADMIN, withJson(post("/api/rooms"), "{\"number\":\"880103\",\"nameZh\":\"x\",\"pin\":\"1234\",\"moderatorPin\":\"1234\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("moderatorPin"));
        as(ADMIN, withJson(post("/api/rooms"), "{\"number\":\"880104\",\"nameZh\":\"x\"}")).andExpect(status().isCreated());
        as(ADMIN, withJson(post("/api/rooms"), "{\"number\":\"880104\",\"nameZh\":\"y\"}"))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.field").value("number"));
    }

    @Test
    void demoRoomIsSeededOnceWithItsPinsInAnOwnerOnlyFile() throws Exception {
        Path dataDir = Files.createTempDirectory("govtel-rooms");
        rooms.findAll().forEach(r -> rooms.delete(r.number()));
        Path csv = demoRooms.seedIfNone(dataDir).orElseThrow();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(csv))).isEqualTo("rw-------");
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo(DemoRoomSeeder.CSV_HEADER);
        String[] row = lines.get(1).split(",");
        ConferenceRoom stored = rooms.findByNumber(DemoRoomSeeder.DEMO_ROOM_NUMBER).orElseThrow();
        assertThat(row).containsExactly(stored.number(), stored.pin(), stored.moderatorPin(), stored.nameZh());
        // A second start changes nothing.
        assertThat(demoRooms.seedIfNone(dataDir)).isEmpty();
        assertThat(Files.readAllLines(csv, StandardCharsets.UTF_8)).isEqualTo(lines);
    }
}
