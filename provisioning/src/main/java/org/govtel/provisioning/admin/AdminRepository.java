package org.govtel.provisioning.admin;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.govtel.provisioning.web.Paging;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
public class AdminRepository {

    private static final String COLUMNS = "id, username, password_hash, role, scope_site_id, enabled, failed_logins,"
            + " locked_until, created_at, updated_at";

    private final JdbcClient jdbc;

    public AdminRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Admin insert(String username, String passwordHash, AdminRole role, Long scopeSiteId, boolean enabled) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO admins (username, password_hash, role, scope_site_id, enabled)
                VALUES (:username, :hash, :role, :scope, :enabled)
                """)
                .param("username", username)
                .param("hash", passwordHash)
                .param("role", role.name())
                .param("scope", scopeSiteId)
                .param("enabled", enabled)
                .update(key, "id");
        return findById(key.getKeyAs(Number.class).longValue()).orElseThrow();
    }

    public Optional<Admin> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM admins WHERE id = :id").param("id", id)
                .query(AdminRepository::map).optional();
    }

    public Optional<Admin> findByUsername(String username) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM admins WHERE username = :username").param("username", username)
                .query(AdminRepository::map).optional();
    }

    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM admins").query(Long.class).single();
    }

    /** Enabled prefecture admins: the last one may not be removed, disabled or demoted. */
    public long countEnabledPrefectureAdmins() {
        return jdbc.sql("SELECT COUNT(*) FROM admins WHERE role = 'PREFECTURE_ADMIN' AND enabled = TRUE")
                .query(Long.class).single();
    }

    public long countScopedTo(long siteId) {
        return jdbc.sql("SELECT COUNT(*) FROM admins WHERE scope_site_id = :site").param("site", siteId)
                .query(Long.class).single();
    }

    /**
     * A page of admins whose username matches {@code q}; {@code scopeSites} non-null limits the
     * list to admins scoped to one of those sites.
     */
    public List<Admin> search(Paging paging, Collection<Long> scopeSites) {
        Map<String, Object> params = new HashMap<>();
        String where = where(paging, scopeSites, params);
        params.put("limit", paging.size());
        params.put("offset", paging.offset());
        return jdbc.sql("SELECT " + COLUMNS + " FROM admins" + where + " ORDER BY username LIMIT :limit OFFSET :offset")
                .params(params).query(AdminRepository::map).list();
    }

    public long count(Paging paging, Collection<Long> scopeSites) {
        Map<String, Object> params = new HashMap<>();
        String where = where(paging, scopeSites, params);
        return jdbc.sql("SELECT COUNT(*) FROM admins" + where).params(params).query(Long.class).single();
    }

    private static String where(Paging paging, Collection<Long> scopeSites, Map<String, Object> params) {
        StringBuilder w = new StringBuilder(" WHERE 1 = 1");
        if (paging.q() != null) {
            w.append(" AND LOWER(username) LIKE :q");
            params.put("q", paging.likePattern());
        }
        if (scopeSites != null) {
            w.append(" AND scope_site_id IN (:scopeSites)");
            params.put("scopeSites", scopeSites);
        }
        return w.toString();
    }

    public void update(long id, AdminRole role, Long scopeSiteId, boolean enabled) {
        jdbc.sql("""
                UPDATE admins SET role = :role, scope_site_id = :scope, enabled = :enabled, updated_at = CURRENT_TIMESTAMP
                WHERE id = :id
                """)
                .param("role", role.name()).param("scope", scopeSiteId).param("enabled", enabled).param("id", id)
                .update();
    }

    public void setPasswordHash(long id, String hash) {
        jdbc.sql("""
                UPDATE admins SET password_hash = :hash, failed_logins = 0, locked_until = NULL,
                       updated_at = CURRENT_TIMESTAMP WHERE id = :id
                """).param("hash", hash).param("id", id).update();
    }

    /** Counts one more failed login in the database (atomic under concurrent attempts); returns the count. */
    public int recordFailedLogin(long id) {
        jdbc.sql("UPDATE admins SET failed_logins = failed_logins + 1 WHERE id = :id").param("id", id).update();
        return jdbc.sql("SELECT failed_logins FROM admins WHERE id = :id").param("id", id).query(Integer.class).single();
    }

    public void lockUntil(long id, Instant until) {
        jdbc.sql("UPDATE admins SET locked_until = :until, failed_logins = 0 WHERE id = :id")
                .param("until", OffsetDateTime.ofInstant(until, ZoneOffset.UTC)).param("id", id).update();
    }

    public void clearFailedLogins(long id) {
        jdbc.sql("UPDATE admins SET failed_logins = 0, locked_until = NULL WHERE id = :id").param("id", id).update();
    }

    /** The admin UI language the admin chose (a code such as "zh"), if any. */
    public Optional<String> findLanguage(long id) {
        return jdbc.sql("SELECT language FROM admins WHERE id = :id").param("id", id)
                .query(String.class).optional();
    }

    public void setLanguage(long id, String language) {
        jdbc.sql("UPDATE admins SET language = :language WHERE id = :id")
                .param("language", language).param("id", id).update();
    }

    public boolean delete(long id) {
        return jdbc.sql("DELETE FROM admins WHERE id = :id").param("id", id).update() == 1;
    }

    private static Admin map(ResultSet rs, int row) throws SQLException {
        OffsetDateTime locked = rs.getObject("locked_until", OffsetDateTime.class);
        return new Admin(rs.getLong("id"), rs.getString("username"), rs.getString("password_hash"),
                AdminRole.valueOf(rs.getString("role")), rs.getObject("scope_site_id", Long.class),
                rs.getBoolean("enabled"), rs.getInt("failed_logins"), locked == null ? null : locked.toInstant(),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
