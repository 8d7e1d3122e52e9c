package org.govtel.provisioning.phoneconfig;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The log of every request under {@code /provisioning/}: who asked (remote address, user agent),
 * for which file and MAC, and what they got (200, 401, 404...). Written outside any transaction,
 * so a refused request is logged too. Bounded: the newest {@value #ROWS_PER_MAC} rows per MAC
 * address are kept, and rows older than {@link #RETENTION} go every {@value #PRUNE_EVERY} writes
 * (a stream of requests for made-up MAC addresses cannot fill the database).
 */
@Repository
public class FetchLog {

    static final int ROWS_PER_MAC = 200;
    static final Duration RETENTION = Duration.ofDays(90);
    static final int PRUNE_EVERY = 1000;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AtomicLong writes = new AtomicLong();

    public FetchLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** One logged request. {@code mac} and {@code deviceId} are null when the request named none. */
    public record Fetch(long id, Instant at, String mac, Long deviceId, String remoteAddress, String fileName,
                        int status, String userAgent) { }

    public void record(String mac, Long deviceId, String remoteAddress, String fileName, int status, String userAgent) {
        jdbc.sql("""
                INSERT INTO provisioning_fetches (at, mac, device_id, remote_address, file_name, status, user_agent)
                VALUES (:at, :mac, :deviceId, :remote, :file, :status, :ua)
                """)
                .param("at", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .param("mac", mac)
                .param("deviceId", deviceId)
                .param("remote", truncate(remoteAddress, 64))
                .param("file", truncate(fileName, 255))
                .param("status", status)
                .param("ua", truncate(userAgent, 255))
                .update();
        if (mac != null) {
            keepNewest(mac);
        }
        if (writes.incrementAndGet() % PRUNE_EVERY == 0) {
            jdbc.sql("DELETE FROM provisioning_fetches WHERE at < :cutoff")
                    .param("cutoff", OffsetDateTime.ofInstant(clock.instant().minus(RETENTION), ZoneOffset.UTC))
                    .update();
        }
    }

    private void keepNewest(String mac) {
        jdbc.sql("SELECT id FROM provisioning_fetches WHERE mac = :mac ORDER BY id DESC LIMIT 1 OFFSET :keep")
                .param("mac", mac)
                .param("keep", ROWS_PER_MAC)
                .query(Long.class)
                .optional()
                .ifPresent(oldestDropped -> jdbc.sql("DELETE FROM provisioning_fetches WHERE mac = :mac AND id <= :id")
                        .param("mac", mac)
                        .param("id", oldestDropped)
                        .update());
    }

    /** Newest first; {@code deviceId} or {@code mac} (or neither) narrows the list. */
    public List<Fetch> find(Long deviceId, String mac, int limit, long offset) {
        Map<String, Object> params = new HashMap<>();
        params.put("limit", limit);
        params.put("offset", offset);
        return jdbc.sql("SELECT id, at, mac, device_id, remote_address, file_name, status, user_agent"
                        + " FROM provisioning_fetches" + where(deviceId, mac, params)
                        + " ORDER BY id DESC LIMIT :limit OFFSET :offset")
                .params(params)
                .query((rs, row) -> new Fetch(rs.getLong("id"), rs.getObject("at", OffsetDateTime.class).toInstant(),
                        rs.getString("mac"), rs.getObject("device_id", Long.class), rs.getString("remote_address"),
                        rs.getString("file_name"), rs.getInt("status"), rs.getString("user_agent")))
                .list();
    }

    public long count(Long deviceId, String mac) {
        Map<String, Object> params = new HashMap<>();
        return jdbc.sql("SELECT COUNT(*) FROM provisioning_fetches" + where(deviceId, mac, params)).params(params)
                .query(Long.class).single();
    }

    private static String where(Long deviceId, String mac, Map<String, Object> params) {
        StringBuilder w = new StringBuilder(" WHERE 1 = 1");
        if (deviceId != null) {
            w.append(" AND device_id = :deviceId");
            params.put("deviceId", deviceId);
        }
        if (mac != null) {
            w.append(" AND mac = :mac");
            params.put("mac", mac);
        }
        return w.toString();
    }

    private static String truncate(String s, int max) {
        if (s == null) {
            return null;
        }
        return s.length() <= max ? s : s.substring(0, max);
    }
}
