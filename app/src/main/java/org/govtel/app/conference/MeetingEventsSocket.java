package org.govtel.app.conference;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.govtel.conference.meeting.MeetingEvent;
import org.govtel.conference.meeting.Meetings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * {@code /api/meetings/events}: every meeting event (joined, left, muted, talking, locked, ended)
 * as one JSON text message, for the roster in a browser or a script. The handshake is an
 * {@code /api} request, so it needs an admin's credentials like any other. Slow readers are cut
 * off rather than allowed to hold up the meetings.
 */
class MeetingEventsSocket extends TextWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(MeetingEventsSocket.class);
    private static final int SEND_TIME_LIMIT_MS = 5_000;
    private static final int BUFFER_LIMIT_BYTES = 256 * 1024;

    private final Meetings meetings;
    private final ObjectMapper json;
    private final Map<String, Consumer<MeetingEvent>> listeners = new ConcurrentHashMap<>();

    MeetingEventsSocket(Meetings meetings, ObjectMapper json) {
        this.meetings = meetings;
        this.json = json;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        WebSocketSession out = new ConcurrentWebSocketSessionDecorator(session, SEND_TIME_LIMIT_MS, BUFFER_LIMIT_BYTES);
        Consumer<MeetingEvent> listener = event -> send(out, event);
        listeners.put(session.getId(), listener);
        meetings.addListener(listener);
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        Consumer<MeetingEvent> listener = listeners.remove(session.getId());
        if (listener != null) {
            meetings.removeListener(listener);
        }
    }

    private void send(WebSocketSession out, MeetingEvent event) {
        if (!out.isOpen()) {
            return;
        }
        try {
            out.sendMessage(new TextMessage(json.writeValueAsString(event)));
        } catch (IOException | RuntimeException e) {
            log.debug("Meeting event not delivered to {}: {}", out.getId(), e.toString());
        }
    }
}
