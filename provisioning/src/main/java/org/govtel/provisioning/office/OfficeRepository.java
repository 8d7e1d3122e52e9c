package org.govtel.provisioning.office;

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
public class OfficeRepository {

    private static final String SELECT = "SELECT id, site_id, name_zh, name_en FROM offices";

    private final JdbcClient jdbc;

    public OfficeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Office insert(long siteId, String nameZh, String nameEn) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO offices (site_id, name_zh, name_en) VALUES (:siteId, :nameZh, :nameEn)")
                .param("siteId", siteId)
                .param("nameZh", nameZh)
                .param("nameEn", nameEn)
                .update(key, "id");
        return new Office(key.getKeyAs(Number.class).longValue(), siteId, nameZh, nameEn);
    }

    public Optional<Office> findById(long id) {
        return jdbc.sql(SELECT + " WHERE id = :id").param("id", id).query(OfficeRepository::map).optional();
    }

    /** The office of a site with this Chinese or English name. */
    public Optional<Office> findBySiteAndName(long siteId, String name) {
        return jdbc.sql(SELECT + " WHERE site_id = :siteId AND (name_zh = :name OR name_en = :name) ORDER BY id")
                .param("siteId", siteId).param("name", name)
                .query(OfficeRepository::map).list().stream().findFirst();
    }

    public List<Office> findBySite(long siteId) {
        return jdbc.sql(SELECT + " WHERE site_id = :siteId ORDER BY id")
                .param("siteId", siteId)
                .query(OfficeRepository::map)
                .list();
    }

    /** A page of offices by id; {@code sites} non-null limits to those sites, {@code siteId} to one. */
    public List<Office> search(Paging paging, Collection<Long> sites, Long siteId) {
        Map<String, Object> params = new HashMap<>();
        String where = where(paging, sites, siteId, params);
        params.put("limit", paging.size());
        params.put("offset", paging.offset());
        return jdbc.sql(SELECT + where + " ORDER BY site_id, id LIMIT :limit OFFSET :offset").params(params)
                .query(OfficeRepository::map).list();
    }

    public long count(Paging paging, Collection<Long> sites, Long siteId) {
        Map<String, Object> params = new HashMap<>();
        return jdbc.sql("SELECT COUNT(*) FROM offices" + where(paging, sites, siteId, params)).params(params)
                .query(Long.class).single();
    }

    private static String where(Paging paging, Collection<Long> sites, Long siteId, Map<String, Object> params) {
        StringBuilder w = new StringBuilder(" WHERE 1 = 1");
        if (paging.q() != null) {
            w.append(" AND (LOWER(name_zh) LIKE :q OR LOWER(name_en) LIKE :q)");
            params.put("q", paging.likePattern());
        }
        if (sites != null) {
            w.append(" AND site_id IN (:sites)");
            params.put("sites", sites);
        }
        if (siteId != null) {
            w.append(" AND site_id = :siteId");
            params.put("siteId", siteId);
        }
        return w.toString();
    }

    public void update(Office office) {
        jdbc.sql("UPDATE offices SET site_id = :siteId, name_zh = :nameZh, name_en = :nameEn WHERE id = :id")
                .param("id", office.id()).param("siteId", office.siteId())
                .param("nameZh", office.nameZh()).param("nameEn", office.nameEn())
                .update();
    }

    public boolean delete(long id) {
        return jdbc.sql("DELETE FROM offices WHERE id = :id").param("id", id).update() == 1;
    }

    public long countBySite(long siteId) {
        return jdbc.sql("SELECT COUNT(*) FROM offices WHERE site_id = :id").param("id", siteId)
                .query(Long.class).single();
    }

    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM offices").query(Long.class).single();
    }

    private static Office map(ResultSet rs, int row) throws SQLException {
        return new Office(rs.getLong("id"), rs.getLong("site_id"), rs.getString("name_zh"), rs.getString("name_en"));
    }
}
