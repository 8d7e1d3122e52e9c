package org.govtel.provisioning.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.govtel.provisioning.web.Paging;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class AuditRepository {

    private final JdbcClient jdbc;

    public AuditRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Filter of an audit query; any part may be null. {@code sites} null = no site filter. */
    public record Filter(Collection<Long> sites, String entityType, String entityId, String actor) { }

    /** Newest first. {@code q} matches actor, action, entity type or id. */
    public List<AuditEntry> search(Paging paging, Filter filter) {
        Map<String, Object> params = new HashMap<>();
        String where = where(paging, filter, params);
        params.put("limit", paging.size());
        params.put("offset", paging.offset());
        return jdbc.sql("SELECT id, at, actor, action, entity_type, entity_id, site_id, before_json, after_json"
                        + " FROM audit_log" + where + " ORDER BY id DESC LIMIT :limit OFFSET :offset")
                .params(params).query(AuditRepository::map).list();
    }

    public long count(Paging paging, Filter filter) {
        Map<String, Object> params = new HashMap<>();
        return jdbc.sql("SELECT COUNT(*) FROM audit_log" + where(paging, filter, params)).params(params)
                .query(Long.class).single();
    }

    private static String where(Paging paging, Filter filter, Map<String, Object> params) {
        StringBuilder w = new StringBuilder(" WHERE 1 = 1");
        if (paging.q() != null) {
            w.append(" AND (LOWER(actor) LIKE :q OR LOWER(action) LIKE :q OR LOWER(entity_type) LIKE :q"
                    + " OR LOWER(entity_id) LIKE :q)");
            params.put("q", paging.likePattern());
        }
        if (filter.sites() != null) {
            w.append(" AND site_id IN (:sites)");
            params.put("sites", filter.sites());
        }
        if (filter.entityType() != null) {
            w.append(" AND entity_type = :type");
            params.put("type", filter.entityType());
        }
        if (filter.entityId() != null) {
            w.append(" AND entity_id = :entityId");
            params.put("entityId", filter.entityId());
        }
        if (filter.actor() != null) {
            w.append(" AND actor = :actor");
            params.put("actor", filter.actor());
        }
        return w.toString();
    }

    private static AuditEntry map(ResultSet rs, int row) throws SQLException {
        return new AuditEntry(rs.getLong("id"), rs.getObject("at", OffsetDateTime.class).toInstant(),
                rs.getString("actor"), rs.getString("action"), rs.getString("entity_type"), rs.getString("entity_id"),
                rs.getObject("site_id", Long.class), rs.getString("before_json"), rs.getString("after_json"));
    }
}
