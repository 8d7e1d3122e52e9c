package org.govtel.app.video;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.govtel.conference.video.VideoEndpoint;
import org.govtel.conference.video.VideoJoinException;
import org.govtel.conference.video.VideoRoom;
import org.govtel.conference.video.VideoRooms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * {@code /meet/signal}: one WebSocket per browser, JSON text messages (docs/video.md lists them).
 * The browser sends {@code join} with its SDP offer and gets {@code answer}; everyone in the room
 * gets {@code roster} on every change; the browser may trickle its ICE candidates ({@code candidate});
 * the chair sends {@code callOn}, {@code rotate},
 * {@code stopRotation}, {@code voiceActivated}, {@code mute}, {@code muteAll}, {@code kick},
 * {@code lock} and {@code end}. Closing the socket leaves the meeting.
 * Malformed messages get an {@code error} naming the field and change nothing.
 */
class VideoSignalingSocket extends TextWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(VideoSignalingSocket.class);
    private static final int SEND_TIME_LIMIT_MS = 5_000;
    private static final int BUFFER_LIMIT_BYTES = 256 * 1024;
    static final int MAX_MESSAGE_BYTES = 64 * 1024;

    private final ObjectMapper json;
    private volatile VideoRooms rooms;
    /** Session id → the browser's endpoint, once joined. */
    private final Map<String, VideoEndpoint> endpoints = new ConcurrentHashMap<>();
    /** Endpoint id → its (thread-safe) session. */
    private final Map<String, WebSocketSession> sessions = new ConcurrentHashMap<>();

    VideoSignalingSocket(ObjectMapper json) {
        this.json = json;
    }

    void attach(VideoRooms videoRooms) {
        this.rooms = videoRooms;
        videoRooms.addRosterListener(this::sendRoster);
        videoRooms.addRemovalListener(this::removed);
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        session.setTextMessageSizeLimit(MAX_MESSAGE_BYTES);
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) throws IOException {
        JsonNode request;
        try {
            request = json.readTree(message.getPayload());
        } catch (IOException e) {
            error(session, "message", "not JSON");
            return;
        }
        if (request == null || !request.isObject()) {
            error(session, "message", "not a JSON object");
            return;
        }
        String type = request.path("type").asText("");
        VideoEndpoint me = endpoints.get(session.getId());
        if (type.equals("join")) {
            if (me != null) {
                error(session, "type", "already joined");
                return;
            }
            join(session, request);
            return;
        }
        if (me == null) {
            error(session, "type", "join first");
            return;
        }
        VideoRoom room = me.room();
        switch (type) {
            case "leave" -> room.leave(me, "left");
            case "candidate" -> candidate(session, me, request);
            case "stats" -> me.report(request.path("framesDecoded").asLong(0), request.path("frameWidth").asInt(0),
                    request.path("availableOutgoingBitrate").asLong(0), text(request, "qualityLimitation"),
                    request.path("nackCount").asLong(0), request.path("retransmittedPacketsReceived").asLong(0),
                    java.time.Instant.now());
            case "callOn", "rotate", "stopRotation", "voiceActivated", "mute", "muteAll", "kick", "lock", "end" ->
                    chairCommand(session, me, room, type, request);
            default -> error(session, "type", "unknown message type '" + type + "'");
        }
    }

    private void join(WebSocketSession session, JsonNode request) {
        try {
            VideoRooms.Joined joined = rooms.join(text(request, "room"), text(request, "name"),
                    text(request, "venue"), text(request, "chair"), text(request, "sdp"));
            VideoEndpoint endpoint = joined.endpoint();
            WebSocketSession out = new ConcurrentWebSocketSessionDecorator(session, SEND_TIME_LIMIT_MS,
                    BUFFER_LIMIT_BYTES);
            endpoints.put(session.getId(), endpoint);
            sessions.put(endpoint.id(), out);
            ObjectNode answer = json.createObjectNode();
            answer.put("type", "answer");
            answer.put("id", endpoint.id());
            answer.put("chair", endpoint.isChair());
            answer.put("room", joined.room().number());
            answer.put("roomName", joined.room().name());
            answer.put("sdp", joined.answerSdp());
            send(out, answer);
            sendRoster(joined.room());
        } catch (VideoJoinException e) {
            error(session, e.field(), e.getMessage());
        }
    }

    /** A trickled ICE candidate of the browser (a Kurento node needs them; ICE-lite here ignores them). */
    private void candidate(WebSocketSession session, VideoEndpoint me, JsonNode request) {
        String candidate = text(request, "candidate");
        if (candidate == null || candidate.isEmpty()) {
            return; // the end-of-candidates marker
        }
        if (candidate.length() > 512 || !candidate.startsWith("candidate:")) {
            error(session, "candidate", "not an ICE candidate line");
            return;
        }
        me.addRemoteCandidate(candidate, text(request, "sdpMid"), request.path("sdpMLineIndex").asInt(0));
    }

    private void chairCommand(WebSocketSession session, VideoEndpoint me, VideoRoom room, String type,
                              JsonNode request) {
        if (!me.isChair()) {
            error(session, "type", "only the chair may " + type);
            return;
        }
        switch (type) {
            case "callOn" -> {
                if (!room.callOn(text(request, "venue"))) {
                    error(session, "venue", "no such venue in this meeting");
                }
            }
            case "rotate" -> {
                int seconds = request.path("seconds").asInt(0);
                if (seconds < 2 || seconds > 3600) {
                    error(session, "seconds", "rotation interval must be 2-3600 seconds");
                } else {
                    room.startRotation(Duration.ofSeconds(seconds));
                }
            }
            case "stopRotation" -> room.stopRotation();
            case "voiceActivated" -> room.setVoiceActivated(request.path("enabled").asBoolean(true));
            case "mute" -> {
                if (!room.setMuted(text(request, "venue"), request.path("muted").asBoolean(true))) {
                    error(session, "venue", "no such venue in this meeting");
                }
            }
            case "muteAll" -> room.muteAll(request.path("muted").asBoolean(true));
            case "kick" -> {
                if (!room.kick(text(request, "venue"))) {
                    error(session, "venue", "no such venue in this meeting");
                }
            }
            case "lock" -> room.setLocked(request.path("locked").asBoolean(true));
            case "end" -> room.end();
            default -> error(session, "type", "unknown message type '" + type + "'");
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        VideoEndpoint me = endpoints.remove(session.getId());
        if (me != null) {
            sessions.remove(me.id());
            me.room().leave(me, "signalling closed (" + status.getCode() + ")");
        }
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        log.debug("video signalling {}: {}", session.getId(), exception.toString());
    }

    private void removed(VideoRoom room, VideoEndpoint endpoint, String reason) {
        WebSocketSession out = sessions.remove(endpoint.id());
        if (out == null) {
            return;
        }
        endpoints.remove(out.getId());
        ObjectNode left = json.createObjectNode();
        left.put("type", "left");
        left.put("reason", reason);
        send(out, left);
        try {
            out.close(CloseStatus.NORMAL);
        } catch (IOException e) {
            log.debug("closing {}: {}", out.getId(), e.toString());
        }
    }

    private void sendRoster(VideoRoom room) {
        ObjectNode roster = json.createObjectNode();
        roster.put("type", "roster");
        roster.put("room", room.number());
        roster.put("roomName", room.name());
        VideoEndpoint broadcast = room.broadcast();
        roster.put("broadcast", broadcast == null ? null : broadcast.id());
        Duration rotation = room.rotationInterval();
        if (rotation == null) {
            roster.putNull("rotation");
        } else {
            roster.put("rotation", rotation.toSeconds());
        }
        roster.put("locked", room.isLocked());
        roster.put("voiceActivated", room.isVoiceActivated());
        ArrayNode venues = roster.putArray("venues");
        for (VideoRoom.Venue v : room.roster()) {
            venues.add(json.valueToTree(v));
        }
        for (VideoEndpoint e : room.endpoints()) {
            WebSocketSession out = sessions.get(e.id());
            if (out != null) {
                send(out, roster);
            }
        }
    }

    private static String text(JsonNode request, String field) {
        JsonNode node = request.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }

    private void error(WebSocketSession session, String field, String reason) {
        ObjectNode error = json.createObjectNode();
        error.put("type", "error");
        error.put("field", field);
        error.put("reason", reason);
        WebSocketSession out = sessions.getOrDefault(endpointIdOf(session), session);
        send(out, error);
    }

    private String endpointIdOf(WebSocketSession session) {
        VideoEndpoint me = endpoints.get(session.getId());
        return me == null ? "" : me.id();
    }

    private void send(WebSocketSession out, JsonNode message) {
        if (!out.isOpen()) {
            return;
        }
        try {
            synchronized (out) {
                out.sendMessage(new TextMessage(json.writeValueAsString(message)));
            }
        } catch (IOException | RuntimeException e) {
            log.debug("video signalling not delivered to {}: {}", out.getId(), e.toString());
        }
    }
}
