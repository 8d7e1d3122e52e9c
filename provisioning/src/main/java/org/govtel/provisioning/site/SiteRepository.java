package org.govtel.provisioning.site;

import java.sql.ResultSet;
import java.sql.SQLException;
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
public class SiteRepository {

    private static final String COLUMNS =
            "id, parent_id, kind, code, name_zh, name_en, number_prefix, local_digits, time_zone, phone_language";

    private final JdbcClient jdbc;

    public SiteRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a new site and returns it with its id. */
    public Site insert(Site site) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO sites (parent_id, kind, code, name_zh, name_en, number_prefix, local_digits, time_zone,
                                   phone_language)
                VALUES (:parentId, :kind, :code, :nameZh, :nameEn, :prefix, :localDigits, :timeZone, :phoneLanguage)
                """)
                .param("parentId", site.parentId())
                .param("kind", site.kind().dbValue())
                .param("code", site.code())
                .param("nameZh", site.nameZh())
                .param("nameEn", site.nameEn())
                .param("prefix", site.numberPrefix())
                .param("localDigits", site.localDigits())
                .param("timeZone", site.timeZone())
                .param("phoneLanguage", site.phoneLanguage())
                .update(key, "id");
        return site.withId(key.getKeyAs(Number.class).longValue());
    }

    public Optional<Site> findByCode(String code) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sites WHERE code = :code")
                .param("code", code)
                .query(SiteRepository::map)
                .optional();
    }

    /** All sites in number-plan order. */
    public List<Site> findAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sites ORDER BY number_prefix")
                .query(SiteRepository::map)
                .list();
    }

    public Optional<Site> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sites WHERE id = :id")
                .param("id", id)
                .query(SiteRepository::map)
                .optional();
    }

    public Optional<Site> findByPrefix(String prefix) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sites WHERE number_prefix = :prefix")
                .param("prefix", prefix)
                .query(SiteRepository::map)
                .optional();
    }

    /**
     * A page of sites in number-plan order whose code, names or prefix contain {@code q};
     * {@code ids} non-null limits it to those sites, {@code parentId} non-null to its children.
     */
    public List<Site> search(Paging paging, Collection<Long> ids, Long parentId) {
        Map<String, Object> params = new HashMap<>();
        String where = where(paging, ids, parentId, params);
        params.put("limit", paging.size());
        params.put("offset", paging.offset());
        return jdbc.sql("SELECT " + COLUMNS + " FROM sites" + where + " ORDER BY number_prefix LIMIT :limit OFFSET :offset")
                .params(params).query(SiteRepository::map).list();
    }

    public long count(Paging paging, Collection<Long> ids, Long parentId) {
        Map<String, Object> params = new HashMap<>();
        return jdbc.sql("SELECT COUNT(*) FROM sites" + where(paging, ids, parentId, params)).params(params)
                .query(Long.class).single();
    }

    private static String where(Paging paging, Collection<Long> ids, Long parentId, Map<String, Object> params) {
        StringBuilder w = new StringBuilder(" WHERE 1 = 1");
        if (paging.q() != null) {
            w.append(" AND (LOWER(code) LIKE :q OR LOWER(name_zh) LIKE :q OR LOWER(name_en) LIKE :q"
                    + " OR number_prefix LIKE :q)");
            params.put("q", paging.likePattern());
        }
        if (ids != null) {
            w.append(" AND id IN (:ids)");
            params.put("ids", ids);
        }
        if (parentId != null) {
            w.append(" AND parent_id = :parentId");
            params.put("parentId", parentId);
        }
        return w.toString();
    }

    /** Replaces every column of the stored site {@code site.id()}. */
    public void update(Site site) {
        jdbc.sql("""
                UPDATE sites SET parent_id = :parentId, kind = :kind, code = :code, name_zh = :nameZh,
                       name_en = :nameEn, number_prefix = :prefix, local_digits = :localDigits, time_zone = :timeZone,
                       phone_language = :phoneLanguage
                WHERE id = :id
                """)
                .param("id", site.id())
                .param("parentId", site.parentId())
                .param("kind", site.kind().dbValue())
                .param("code", site.code())
                .param("nameZh", site.nameZh())
                .param("nameEn", site.nameEn())
                .param("prefix", site.numberPrefix())
                .param("localDigits", site.localDigits())
                .param("timeZone", site.timeZone())
                .param("phoneLanguage", site.phoneLanguage())
                .update();
    }

    public boolean delete(long id) {
        return jdbc.sql("DELETE FROM sites WHERE id = :id").param("id", id).update() == 1;
    }

    public long countChildren(long id) {
        return jdbc.sql("SELECT COUNT(*) FROM sites WHERE parent_id = :id").param("id", id).query(Long.class).single();
    }

    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM sites").query(Long.class).single();
    }

    private static Site map(ResultSet rs, int row) throws SQLException {
        return new Site(rs.getLong("id"), rs.getObject("parent_id", Long.class), SiteKind.fromDb(rs.getString("kind")),
                rs.getString("code"), rs.getString("name_zh"), rs.getString("name_en"),
                rs.getString("number_prefix"), rs.getInt("local_digits"), rs.getString("time_zone"),
                rs.getString("phone_language"));
    }
}
