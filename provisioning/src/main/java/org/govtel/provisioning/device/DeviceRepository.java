package org.govtel.provisioning.device;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.govtel.provisioning.web.Paging;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
public class DeviceRepository {

    private static final String SELECT = """
            SELECT d.id, d.mac, d.vendor, d.model, d.site_id, s.code AS site_code, d.description, d.transport,
                   d.created_at, d.updated_at
            FROM devices d JOIN sites s ON s.id = d.site_id
            """;

    private final JdbcClient jdbc;

    public DeviceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The editable fields of a device; {@code mac} already normalised. */
    public record Fields(String mac, String vendor, String model, long siteId, String description, String transport) { }

    /** Stores a new device and its lines; a MAC already stored fails with DuplicateKeyException. */
    public long insert(Fields f, List<Device.Line> lines) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO devices (mac, vendor, model, site_id, description, transport)
                VALUES (:mac, :vendor, :model, :siteId, :description, :transport)
                """)
                .param("mac", f.mac())
                .param("vendor", f.vendor())
                .param("model", f.model())
                .param("siteId", f.siteId())
                .param("description", f.description())
                .param("transport", f.transport())
                .update(keys, "id");
        long id = keys.getKeyAs(Number.class).longValue();
        insertLines(id, lines);
        return id;
    }

    /** Replaces every field and the whole line list. */
    public boolean update(long id, Fields f, List<Device.Line> lines) {
        boolean found = jdbc.sql("""
                UPDATE devices SET mac = :mac, vendor = :vendor, model = :model, site_id = :siteId,
                       description = :description, transport = :transport, updated_at = CURRENT_TIMESTAMP
                WHERE id = :id
                """)
                .param("id", id)
                .param("mac", f.mac())
                .param("vendor", f.vendor())
                .param("model", f.model())
                .param("siteId", f.siteId())
                .param("description", f.description())
                .param("transport", f.transport())
                .update() == 1;
        if (found) {
            jdbc.sql("DELETE FROM device_lines WHERE device_id = :id").param("id", id).update();
            insertLines(id, lines);
        }
        return found;
    }

    private void insertLines(long id, List<Device.Line> lines) {
        for (Device.Line l : lines) {
            jdbc.sql("INSERT INTO device_lines (device_id, line_no, extension_number) VALUES (:id, :line, :ext)")
                    .param("id", id)
                    .param("line", l.line())
                    .param("ext", l.extension())
                    .update();
        }
    }

    /** Stores the SHA-256 of the device's new provisioning password (see ProvisioningPasswords). */
    public boolean setProvisioningSecretHash(long id, String sha256Hex) {
        return jdbc.sql("UPDATE devices SET provisioning_secret_sha256 = :hash, updated_at = CURRENT_TIMESTAMP WHERE id = :id")
                .param("hash", sha256Hex)
                .param("id", id)
                .update() == 1;
    }

    /** The SHA-256 of the device's provisioning password; empty when it has none (or no such device). */
    public Optional<String> findProvisioningSecretHash(long id) {
        return jdbc.sql("SELECT provisioning_secret_sha256 FROM devices WHERE id = :id")
                .param("id", id)
                .query((rs, row) -> Optional.ofNullable(rs.getString(1)))
                .optional()
                .flatMap(o -> o);
    }

    /** Deletes the device; its lines go with it. */
    public boolean delete(long id) {
        return jdbc.sql("DELETE FROM devices WHERE id = :id").param("id", id).update() == 1;
    }

    public Optional<Device> findById(long id) {
        return withLines(jdbc.sql(SELECT + " WHERE d.id = :id").param("id", id).query(DeviceRepository::map).list())
                .stream().findFirst();
    }

    /** {@code mac} in its stored (normalised) form. */
    public Optional<Device> findByMac(String mac) {
        return withLines(jdbc.sql(SELECT + " WHERE d.mac = :mac").param("mac", mac).query(DeviceRepository::map).list())
                .stream().findFirst();
    }

    /** A page in MAC order; {@code q} matches the MAC (with or without separators), vendor, model or description. */
    public List<Device> search(Paging paging, Collection<Long> sites, Long siteId) {
        Map<String, Object> params = new HashMap<>();
        String where = where(paging, sites, siteId, params);
        params.put("limit", paging.size());
        params.put("offset", paging.offset());
        return withLines(jdbc.sql(SELECT + where + " ORDER BY d.mac LIMIT :limit OFFSET :offset")
                .params(params).query(DeviceRepository::map).list());
    }

    public long count(Paging paging, Collection<Long> sites, Long siteId) {
        Map<String, Object> params = new HashMap<>();
        return jdbc.sql("SELECT COUNT(*) FROM devices d" + where(paging, sites, siteId, params)).params(params)
                .query(Long.class).single();
    }

    private static String where(Paging paging, Collection<Long> sites, Long siteId, Map<String, Object> params) {
        StringBuilder w = new StringBuilder(" WHERE 1 = 1");
        if (paging.q() != null) {
            w.append(" AND (d.mac LIKE :qmac OR LOWER(d.vendor) LIKE :q OR LOWER(d.model) LIKE :q"
                    + " OR LOWER(d.description) LIKE :q)");
            params.put("q", paging.likePattern());
            String bare = paging.q().replace(":", "").replace("-", "").toLowerCase(Locale.ROOT);
            params.put("qmac", bare.isEmpty() ? paging.likePattern()
                    : new Paging(bare, paging.page(), paging.size()).likePattern());
        }
        if (sites != null) {
            w.append(" AND d.site_id IN (:sites)");
            params.put("sites", sites);
        }
        if (siteId != null) {
            w.append(" AND d.site_id = :siteId");
            params.put("siteId", siteId);
        }
        return w.toString();
    }

    public long countBySite(long siteId) {
        return jdbc.sql("SELECT COUNT(*) FROM devices WHERE site_id = :id").param("id", siteId)
                .query(Long.class).single();
    }

    private List<Device> withLines(List<Device> devices) {
        if (devices.isEmpty()) {
            return devices;
        }
        Map<Long, List<Device.Line>> lines = new LinkedHashMap<>();
        devices.forEach(d -> lines.put(d.id(), new ArrayList<>()));
        jdbc.sql("""
                SELECT device_id, line_no, extension_number FROM device_lines
                WHERE device_id IN (:ids) ORDER BY device_id, line_no
                """)
                .param("ids", lines.keySet())
                .query((rs, row) -> Map.entry(rs.getLong("device_id"),
                        new Device.Line(rs.getInt("line_no"), rs.getString("extension_number"))))
                .list()
                .forEach(e -> lines.get(e.getKey()).add(e.getValue()));
        return devices.stream().map(d -> d.withLines(lines.get(d.id()))).toList();
    }

    private static Device map(ResultSet rs, int row) throws SQLException {
        return new Device(rs.getLong("id"), rs.getString("mac"), rs.getString("vendor"), rs.getString("model"),
                rs.getLong("site_id"), rs.getString("site_code"), rs.getString("description"), rs.getString("transport"),
                List.of(),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
