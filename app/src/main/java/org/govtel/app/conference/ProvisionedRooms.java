package org.govtel.app.conference;

import java.util.List;
import java.util.Optional;
import org.govtel.conference.room.Room;
import org.govtel.conference.room.RoomDirectory;
import org.govtel.provisioning.room.ConferenceRoom;
import org.govtel.provisioning.room.RoomRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The bridge's rooms, read from the provisioning database on every call (PINs may change any time). */
@Component
class ProvisionedRooms implements RoomDirectory {

    private static final Logger log = LoggerFactory.getLogger(ProvisionedRooms.class);
    private final RoomRepository rooms;

    ProvisionedRooms(RoomRepository rooms) {
        this.rooms = rooms;
    }

    @Override
    public Optional<Room> find(String number) {
        return rooms.findByNumber(number).flatMap(ProvisionedRooms::toRoom);
    }

    @Override
    public List<Room> all() {
        return rooms.findAll().stream().flatMap(r -> toRoom(r).stream()).toList();
    }

    private static Optional<Room> toRoom(ConferenceRoom r) {
        try {
            return Optional.of(new Room(r.number(), r.nameZh(), r.pin(), r.moderatorPin()));
        } catch (IllegalArgumentException e) {
            // The service validates PINs; a row edited by hand may still be unusable.
            log.warn("Meeting room {} is unusable: {}", r.number(), e.getMessage());
            return Optional.empty();
        }
    }
}
