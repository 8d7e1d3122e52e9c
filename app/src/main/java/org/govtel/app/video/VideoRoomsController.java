package org.govtel.app.video;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.govtel.conference.video.VideoEndpoint;
import org.govtel.conference.video.VideoRoom;
import org.govtel.conference.video.VideoRooms;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/video/rooms}: every video meeting in progress with its venues and what each
 * venue's browser last reported decoding, for operators watching the kiosks (admin credentials,
 * like the rest of {@code /api}).
 */
@RestController
class VideoRoomsController {

    /** Absent when the conference service is switched off. */
    private final ObjectProvider<VideoRooms> rooms;
    private final ObjectMapper json;

    VideoRoomsController(ObjectProvider<VideoRooms> rooms, ObjectMapper json) {
        this.rooms = rooms;
        this.json = json;
    }

    @GetMapping("/api/video/rooms")
    List<Map<String, Object>> rooms() {
        Instant now = Instant.now();
        VideoRooms videoRooms = rooms.getIfAvailable();
        return videoRooms == null ? List.of() : videoRooms.all().stream().map(room -> room(room, now)).toList();
    }

    private Map<String, Object> room(VideoRoom room, Instant now) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("number", room.number());
        out.put("name", room.name());
        VideoEndpoint broadcast = room.broadcast();
        out.put("broadcast", broadcast == null ? null : broadcast.id());
        Duration rotation = room.rotationInterval();
        out.put("rotation", rotation == null ? null : rotation.toSeconds());
        out.put("voiceActivated", room.isVoiceActivated());
        out.put("locked", room.isLocked());
        out.put("venues", room.roster().stream().map(v -> {
            Map<String, Object> venue = json.convertValue(v, new TypeReference<LinkedHashMap<String, Object>>() { });
            VideoEndpoint e = room.endpoint(v.id());
            VideoEndpoint.DecodeReport report = e == null ? null : e.decodeReport();
            venue.put("framesDecoded", report == null ? null : report.framesDecoded());
            venue.put("frameWidth", report == null ? null : report.frameWidth());
            venue.put("availableOutgoingBitrate", report == null ? null : report.availableOutgoingBitrate());
            venue.put("qualityLimitation", report == null ? null : report.qualityLimitation());
            venue.put("reportAgeSeconds", report == null ? null : Duration.between(report.at(), now).toSeconds());
            venue.put("nackCount", report == null ? null : report.nackCount());
            venue.put("retransmittedPacketsReceived", report == null ? null : report.retransmittedPacketsReceived());
            venue.put("retransmittedToIt", e == null ? 0 : e.retransmittedToMe());
            VideoEndpoint.UplinkRepair uplink = e == null ? null : e.uplinkRepair();
            venue.put("uplinkNacked", uplink == null ? 0 : uplink.requested());
            venue.put("uplinkRepaired", uplink == null ? 0 : uplink.repaired());
            venue.put("videoPacketsReceived", e == null ? 0 : e.videoPacketsReceived());
            venue.put("videoPacketsForwardedToIt", e == null ? 0 : e.videoPacketsForwardedToMe());
            venue.put("receiveEstimate", e == null ? 0 : e.receiveEstimate());
            venue.put("layerBitrates", e == null ? new long[0] : e.layerBitrates());
            return venue;
        }).toList());
        return out;
    }
}
