package org.govtel.provisioning.extension;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.govtel.provisioning.site.Site;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class ExtensionRepository {

    private static final String SELECT = """
            SELECT e.number, e.site_id, s.code AS site_code, e.office_id, e.display_name, e.ha1_md5,
                   e.ha1_sha256, e.enabled, e.created_at, e.updated_at
            FROM extensions e JOIN sites s ON s.id = e.site_id
            """;

    private final JdbcClient jdbc;

    public ExtensionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores a new extension of {@code site}. The number must be 6 digits inside the site's
     * block; a number already taken anywhere in the network fails with DuplicateKeyException.
     */
    public void insert(String number, Site site, Long officeId, String displayName, DigestSecrets secrets) {
        if (!number.chars().allMatch(c -> c >= '0' && c <= '9') || !site.owns(number)) {
            throw new IllegalArgumentException("extension " + number + " is not a 6-digit number in block "
                    + site.numberPrefix() + " of site " + site.code());
        }
        jdbc.sql("""
                INSERT INTO extensions (number, site_id, office_id, display_name, ha1_md5, ha1_sha256, enabled)
                VALUES (:number, :siteId, :officeId, :displayName, :md5, :sha256, TRUE)
                """)
                .param("number", number)
                .param("siteId", site.id())
                .param("officeId", officeId)
                .param("displayName", displayName)
                .param("md5", secrets.ha1Md5())
                .param("sha256", secrets.ha1Sha256())
                .update();
    }

    public Optional<Extension> findByNumber(String number) {
        return jdbc.sql(SELECT + " WHERE e.number = :number")
                .param("number", number)
                .query(ExtensionRepository::map)
                .optional();
    }

    public List<Extension> findAll() {
        return jdbc.sql(SELECT + " ORDER BY e.number").query(ExtensionRepository::map).list();
    }

    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM extensions").query(Long.class).single();
    }

    /** Disabling keeps the number and its history but stops the phone registering and being called. */
    public boolean setEnabled(String number, boolean enabled) {
        return jdbc.sql("UPDATE extensions SET enabled = :enabled, updated_at = CURRENT_TIMESTAMP WHERE number = :number")
                .param("enabled", enabled)
                .param("number", number)
                .update() == 1;
    }

    private static Extension map(ResultSet rs, int row) throws SQLException {
        return new Extension(rs.getString("number"), rs.getLong("site_id"), rs.getString("site_code"),
                rs.getObject("office_id", Long.class), rs.getString("display_name"),
                new DigestSecrets(rs.getString("ha1_md5"), rs.getString("ha1_sha256")), rs.getBoolean("enabled"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
