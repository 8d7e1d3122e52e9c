package org.govtel.provisioning.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes the audit log. Called inside the transaction of the change it records, so a change
 * and its entry are stored together or not at all. Callers pass views without secrets.
 */
@Component
public class AuditLog {

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    public AuditLog(JdbcClient jdbc, ObjectMapper json, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.events = events;
    }

    public void record(String actor, String action, String entityType, String entityId, Long siteId,
                       Object before, Object after) {
        jdbc.sql("""
                INSERT INTO audit_log (at, actor, action, entity_type, entity_id, site_id, before_json, after_json)
                VALUES (:at, :actor, :action, :type, :id, :site, :before, :after)
                """)
                .param("at", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .param("actor", actor)
                .param("action", action)
                .param("type", entityType)
                .param("id", entityId)
                .param("site", siteId)
                .param("before", toJson(before))
                .param("after", toJson(after))
                .update();
        events.publishEvent(new DirectoryChanged(entityType, entityId));
    }

    private String toJson(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write audit JSON for " + value.getClass().getSimpleName(), e);
        }
    }
}
