package org.govtel.provisioning.audit;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;

/**
 * One change: who made it, when, what (action on an entity) and the entity before and after as
 * JSON text (null before a create and after a delete). {@code siteId} scopes who may read it.
 */
public record AuditEntry(long id, Instant at, String actor, String action, String entityType, String entityId,
                         Long siteId, @JsonRawValue String before, @JsonRawValue String after) {
}
