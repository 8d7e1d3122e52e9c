package org.govtel.provisioning.extension;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.govtel.provisioning.web.Paging;
import org.govtel.provisioning.site.Site;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class ExtensionRepository {

    private static final String SELECT = """
            SELECT e.number, e.site_id, s.code AS site_code, e.office_id, e.display_name, e.ha1_md5,
                   e.ha1_sha256, e.enabled, e.created_at, e.updated_at, e.display_name_kk, e.display_name_ug,
                   e.forward_always, e.forward_busy, e.forward_no_answer
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
        insert(number, site, officeId, displayName, secrets, null);
    }

    /** The short form with the encrypted SIP password ({@code sipSecretEnc}, see SipSecretCipher). */
    public void insert(String number, Site site, Long officeId, String displayName, DigestSecrets secrets,
                       String sipSecretEnc) {
        insert(number, site, officeId, new Names(displayName, null, null), secrets, true, Extension.Forwarding.NONE,
                sipSecretEnc);
    }

    /** The display name in Chinese and the optional Kazakh and Uyghur forms. */
    public record Names(String zh, String kk, String ug) { }

    /** Stores a new extension with every field the API sets; same checks as the short form. */
    public void insert(String number, Site site, Long officeId, Names names, DigestSecrets secrets, boolean enabled,
                       Extension.Forwarding forwarding, String sipSecretEnc) {
        if (!number.chars().allMatch(c -> c >= '0' && c <= '9') || !site.owns(number)) {
            throw new IllegalArgumentException("extension " + number + " is not a 6-digit number in block "
                    + site.numberPrefix() + " of site " + site.code());
        }
        jdbc.sql("""
                INSERT INTO extensions (number, site_id, office_id, display_name, ha1_md5, ha1_sha256, enabled,
                                        display_name_kk, display_name_ug, forward_always, forward_busy, forward_no_answer,
                                        sip_secret_enc)
                VALUES (:number, :siteId, :officeId, :displayName, :md5, :sha256, :enabled,
                        :kk, :ug, :always, :busy, :noAnswer, :enc)
                """)
                .param("number", number)
                .param("siteId", site.id())
                .param("officeId", officeId)
                .param("displayName", names.zh())
                .param("md5", secrets.ha1Md5())
                .param("sha256", secrets.ha1Sha256())
                .param("enabled", enabled)
                .param("kk", names.kk())
                .param("ug", names.ug())
                .param("always", forwarding.always())
                .param("busy", forwarding.busy())
                .param("noAnswer", forwarding.noAnswer())
                .param("enc", sipSecretEnc)
                .update();
    }

    /** Changes what an admin may edit: office, names, enabled flag and forwarding. */
    public boolean update(String number, Long officeId, Names names, boolean enabled, Extension.Forwarding forwarding) {
        return jdbc.sql("""
                UPDATE extensions SET office_id = :officeId, display_name = :displayName, display_name_kk = :kk,
                       display_name_ug = :ug, enabled = :enabled, forward_always = :always, forward_busy = :busy,
                       forward_no_answer = :noAnswer, updated_at = CURRENT_TIMESTAMP
                WHERE number = :number
                """)
                .param("number", number)
                .param("officeId", officeId)
                .param("displayName", names.zh())
                .param("kk", names.kk())
                .param("ug", names.ug())
                .param("enabled", enabled)
                .param("always", forwarding.always())
                .param("busy", forwarding.busy())
                .param("noAnswer", forwarding.noAnswer())
                .update() == 1;
    }

    /** New digest secrets and the new encrypted password (null = none kept) of one extension. */
    public boolean updateSecrets(String number, DigestSecrets secrets, String sipSecretEnc) {
        return jdbc.sql("""
                UPDATE extensions SET ha1_md5 = :md5, ha1_sha256 = :sha256, sip_secret_enc = :enc,
                       updated_at = CURRENT_TIMESTAMP
                WHERE number = :number
                """)
                .param("md5", secrets.ha1Md5())
                .param("sha256", secrets.ha1Sha256())
                .param("enc", sipSecretEnc)
                .param("number", number)
                .update() == 1;
    }

    public boolean delete(String number) {
        return jdbc.sql("DELETE FROM extensions WHERE number = :number").param("number", number).update() == 1;
    }

    /** Filter of an extension list; any part may be null ({@code sites} null = every site). */
    public record Filter(Collection<Long> sites, Long siteId, Long officeId, Boolean enabled) { }

    /** A page in number order; {@code q} matches the number or any form of the display name. */
    public List<Extension> search(Paging paging, Filter filter) {
        Map<String, Object> params = new HashMap<>();
        String where = where(paging, filter, params);
        params.put("limit", paging.size());
        params.put("offset", paging.offset());
        return jdbc.sql(SELECT + where + " ORDER BY e.number LIMIT :limit OFFSET :offset")
                .params(params).query(ExtensionRepository::map).list();
    }

    public long count(Paging paging, Filter filter) {
        Map<String, Object> params = new HashMap<>();
        return jdbc.sql("SELECT COUNT(*) FROM extensions e" + where(paging, filter, params)).params(params)
                .query(Long.class).single();
    }

    private static String where(Paging paging, Filter filter, Map<String, Object> params) {
        StringBuilder w = new StringBuilder(" WHERE 1 = 1");
        if (paging.q() != null) {
            w.append(" AND (e.number LIKE :q OR LOWER(e.display_name) LIKE :q OR LOWER(e.display_name_kk) LIKE :q"
                    + " OR LOWER(e.display_name_ug) LIKE :q)");
            params.put("q", paging.likePattern());
        }
        if (filter.sites() != null) {
            w.append(" AND e.site_id IN (:sites)");
            params.put("sites", filter.sites());
        }
        if (filter.siteId() != null) {
            w.append(" AND e.site_id = :siteId");
            params.put("siteId", filter.siteId());
        }
        if (filter.officeId() != null) {
            w.append(" AND e.office_id = :officeId");
            params.put("officeId", filter.officeId());
        }
        if (filter.enabled() != null) {
            w.append(" AND e.enabled = :enabled");
            params.put("enabled", filter.enabled());
        }
        return w.toString();
    }

    public long countBySite(long siteId) {
        return jdbc.sql("SELECT COUNT(*) FROM extensions WHERE site_id = :id").param("id", siteId)
                .query(Long.class).single();
    }

    public long countByOffice(long officeId) {
        return jdbc.sql("SELECT COUNT(*) FROM extensions WHERE office_id = :id").param("id", officeId)
                .query(Long.class).single();
    }

    /** Extensions whose number starts with {@code prefix}, whatever their site. */
    public long countInBlock(String prefix) {
        return jdbc.sql("SELECT COUNT(*) FROM extensions WHERE number LIKE :p").param("p", prefix + "%")
                .query(Long.class).single();
    }

    public Optional<Extension> findByNumber(String number) {
        return jdbc.sql(SELECT + " WHERE e.number = :number")
                .param("number", number)
                .query(ExtensionRepository::map)
                .optional();
    }

    /** The encrypted SIP password of the extension (empty when unknown or never stored). */
    public Optional<String> findSipSecretEnc(String number) {
        return jdbc.sql("SELECT sip_secret_enc FROM extensions WHERE number = :number")
                .param("number", number)
                .query((rs, row) -> Optional.ofNullable(rs.getString(1)))
                .optional()
                .flatMap(o -> o);
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
                rs.getObject("updated_at", OffsetDateTime.class).toInstant(),
                rs.getString("display_name_kk"), rs.getString("display_name_ug"),
                new Extension.Forwarding(rs.getString("forward_always"), rs.getString("forward_busy"),
                        rs.getString("forward_no_answer")));
    }
}
