package org.govtel.app.sip;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.govtel.sip.registrar.Binding;
import org.govtel.sip.registrar.BindingStore;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The location service's durable copy in table {@code sip_bindings} (migration in provisioning).
 * Written on every accepted REGISTER, read once at start; the in-memory location service stays
 * the one answering lookups.
 */
@Component
class JdbcBindingStore implements BindingStore {

    private static final int USER_AGENT_MAX = 255;

    private final JdbcClient jdbc;

    JdbcBindingStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Binding> loadAll() {
        return jdbc.sql("""
                SELECT aor, contact_uri, received_host, received_port, transport, expires_at, call_id, cseq, q, user_agent
                FROM sip_bindings
                """).query(JdbcBindingStore::map).list();
    }

    /**
     * Insert or replace. Portable upsert (H2 and PostgreSQL differ in MERGE/ON CONFLICT): update
     * first, insert when there was no row, and if a concurrent save inserted it meanwhile, update.
     */
    @Override
    public void save(Binding b) {
        if (update(b) == 0) {
            try {
                insert(b);
            } catch (DuplicateKeyException raced) {
                update(b);
            }
        }
    }

    @Override
    public void delete(String aor, String contactUri) {
        jdbc.sql("DELETE FROM sip_bindings WHERE aor = :aor AND contact_uri = :contact")
                .param("aor", aor)
                .param("contact", contactUri)
                .update();
    }

    private int update(Binding b) {
        return jdbc.sql("""
                UPDATE sip_bindings SET received_host = :host, received_port = :port, transport = :transport,
                       expires_at = :expiresAt, call_id = :callId, cseq = :cseq, q = :q, user_agent = :userAgent
                WHERE aor = :aor AND contact_uri = :contact
                """).params(params(b)).update();
    }

    private void insert(Binding b) {
        jdbc.sql("""
                INSERT INTO sip_bindings (aor, contact_uri, received_host, received_port, transport, expires_at,
                                          call_id, cseq, q, user_agent)
                VALUES (:aor, :contact, :host, :port, :transport, :expiresAt, :callId, :cseq, :q, :userAgent)
                """).params(params(b)).update();
    }

    private static Map<String, Object> params(Binding b) {
        Map<String, Object> p = new HashMap<>();
        p.put("aor", b.aor());
        p.put("contact", b.contactUri());
        p.put("host", b.receivedHost());
        p.put("port", b.receivedPort());
        p.put("transport", b.transport());
        p.put("expiresAt", OffsetDateTime.ofInstant(b.expiresAt(), ZoneOffset.UTC));
        p.put("callId", b.callId());
        p.put("cseq", b.cseq());
        p.put("q", b.q());
        // Informational only, and phones send long ones: keep what fits.
        String ua = b.userAgent();
        p.put("userAgent", ua != null && ua.length() > USER_AGENT_MAX ? ua.substring(0, USER_AGENT_MAX) : ua);
        return p;
    }

    private static Binding map(ResultSet rs, int row) throws SQLException {
        Instant expires = rs.getObject("expires_at", OffsetDateTime.class).toInstant();
        return new Binding(rs.getString("aor"), rs.getString("contact_uri"), rs.getString("received_host"),
                rs.getInt("received_port"), rs.getString("transport"), expires, rs.getString("call_id"),
                rs.getLong("cseq"), rs.getFloat("q"), rs.getString("user_agent"));
    }
}
