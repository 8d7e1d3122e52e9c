package org.govtel.provisioning.office;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
public class OfficeRepository {

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

    public List<Office> findBySite(long siteId) {
        return jdbc.sql("SELECT id, site_id, name_zh, name_en FROM offices WHERE site_id = :siteId ORDER BY id")
                .param("siteId", siteId)
                .query((rs, row) -> new Office(rs.getLong("id"), rs.getLong("site_id"),
                        rs.getString("name_zh"), rs.getString("name_en")))
                .list();
    }

    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM offices").query(Long.class).single();
    }
}
