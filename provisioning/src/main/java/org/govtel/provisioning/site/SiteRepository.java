package org.govtel.provisioning.site;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
public class SiteRepository {

    private static final String COLUMNS =
            "id, parent_id, kind, code, name_zh, name_en, number_prefix, local_digits, time_zone";

    private final JdbcClient jdbc;

    public SiteRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a new site and returns it with its id. */
    public Site insert(Site site) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO sites (parent_id, kind, code, name_zh, name_en, number_prefix, local_digits, time_zone)
                VALUES (:parentId, :kind, :code, :nameZh, :nameEn, :prefix, :localDigits, :timeZone)
                """)
                .param("parentId", site.parentId())
                .param("kind", site.kind().dbValue())
                .param("code", site.code())
                .param("nameZh", site.nameZh())
                .param("nameEn", site.nameEn())
                .param("prefix", site.numberPrefix())
                .param("localDigits", site.localDigits())
                .param("timeZone", site.timeZone())
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

    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM sites").query(Long.class).single();
    }

    private static Site map(ResultSet rs, int row) throws SQLException {
        return new Site(rs.getLong("id"), rs.getObject("parent_id", Long.class), SiteKind.fromDb(rs.getString("kind")),
                rs.getString("code"), rs.getString("name_zh"), rs.getString("name_en"),
                rs.getString("number_prefix"), rs.getInt("local_digits"), rs.getString("time_zone"));
    }
}
