package org.govtel.provisioning.room;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.govtel.provisioning.servicenumber.ServiceNumber;
import org.govtel.provisioning.servicenumber.ServiceNumberRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Meeting rooms: a service number of kind conference plus its PINs. */
@Repository
public class RoomRepository {

    /**
     * The target stored for a room's service number. The SIP side replaces it with the bridge's
     * actual URI (its address and port are runtime settings, not data).
     */
    public static final String BRIDGE_TARGET = "conference-bridge";

    private static final String SELECT = """
            SELECT s.number, s.name_zh, s.name_en, r.pin, r.moderator_pin
            FROM conference_rooms r JOIN service_numbers s ON s.number = r.number
            """;

    private final JdbcClient jdbc;
    private final ServiceNumberRepository services;

    public RoomRepository(JdbcClient jdbc, ServiceNumberRepository services) {
        this.jdbc = jdbc;
        this.services = services;
    }

    public void insert(ConferenceRoom room) {
        services.insert(new ServiceNumber(room.number(), ServiceNumber.Kind.CONFERENCE, room.nameZh(), room.nameEn(),
                BRIDGE_TARGET));
        jdbc.sql("INSERT INTO conference_rooms (number, pin, moderator_pin) VALUES (:number, :pin, :moderatorPin)")
                .param("number", room.number())
                .param("pin", room.pin())
                .param("moderatorPin", room.moderatorPin())
                .update();
    }

    public void update(ConferenceRoom room) {
        jdbc.sql("UPDATE service_numbers SET name_zh = :nameZh, name_en = :nameEn, updated_at = CURRENT_TIMESTAMP"
                        + " WHERE number = :number")
                .param("nameZh", room.nameZh())
                .param("nameEn", room.nameEn())
                .param("number", room.number())
                .update();
        jdbc.sql("UPDATE conference_rooms SET pin = :pin, moderator_pin = :moderatorPin WHERE number = :number")
                .param("pin", room.pin())
                .param("moderatorPin", room.moderatorPin())
                .param("number", room.number())
                .update();
    }

    /** Deletes the room and its service number. */
    public boolean delete(String number) {
        return jdbc.sql("DELETE FROM service_numbers WHERE number = :number AND kind = 'conference'")
                .param("number", number)
                .update() > 0;
    }

    public Optional<ConferenceRoom> findByNumber(String number) {
        return jdbc.sql(SELECT + " WHERE s.number = :number").param("number", number).query(RoomRepository::map).optional();
    }

    public List<ConferenceRoom> findAll() {
        return jdbc.sql(SELECT + " ORDER BY s.number").query(RoomRepository::map).list();
    }

    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM conference_rooms").query(Long.class).single();
    }

    private static ConferenceRoom map(ResultSet rs, int row) throws SQLException {
        return new ConferenceRoom(rs.getString("number"), rs.getString("name_zh"), rs.getString("name_en"),
                rs.getString("pin"), rs.getString("moderator_pin"));
    }
}
