package org.govtel.conference.room;

import java.util.List;
import java.util.Optional;

/**
 * The bridge's view of the meeting rooms. The conference module only declares it; the
 * application backs it with the provisioning database, tests with a map.
 */
public interface RoomDirectory {

    Optional<Room> find(String number);

    List<Room> all();
}
