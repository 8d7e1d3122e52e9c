package org.govtel.conference.room;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Rooms held in a map: for tests and for running the bridge without a database. */
public final class InMemoryRoomDirectory implements RoomDirectory {

    private final Map<String, Room> rooms = new ConcurrentHashMap<>();

    public InMemoryRoomDirectory add(Room room) {
        rooms.put(room.number(), room);
        return this;
    }

    @Override
    public Optional<Room> find(String number) {
        return Optional.ofNullable(rooms.get(number));
    }

    @Override
    public List<Room> all() {
        List<Room> out = new ArrayList<>(rooms.values());
        out.sort(Comparator.comparing(Room::number));
        return out;
    }
}
