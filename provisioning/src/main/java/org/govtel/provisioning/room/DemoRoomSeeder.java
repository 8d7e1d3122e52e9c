package org.govtel.provisioning.room;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.govtel.provisioning.files.OwnerOnlyFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On a first start, seeds the demo meeting room and writes its number and PINs to
 * {@code DATA_DIR/}{@value #CSV_NAME} ({@code number,pin,moderator_pin,name}, owner-only), so
 * a new user can dial into a meeting from two demo phones at once.
 */
@Component
public class DemoRoomSeeder {

    public static final String CSV_NAME = "demo-rooms.csv";
    public static final String CSV_HEADER = "number,pin,moderator_pin,name";
    public static final String DEMO_ROOM_NUMBER = "880001";
    private static final Logger log = LoggerFactory.getLogger(DemoRoomSeeder.class);

    private final RoomRepository rooms;
    private final TransactionTemplate tx;

    public DemoRoomSeeder(RoomRepository rooms, PlatformTransactionManager transactions) {
        this.rooms = rooms;
        this.tx = new TransactionTemplate(transactions);
    }

    /** Seeds the room when there is none yet; returns the file written, or empty when there was nothing to do. */
    public Optional<Path> seedIfNone(Path dataDir) {
        if (rooms.count() > 0) {
            return Optional.empty();
        }
        Path csv = dataDir.toAbsolutePath().resolve(CSV_NAME);
        if (Files.exists(csv)) {
            throw new IllegalStateException("There is no meeting room but " + csv + " exists: it lists the PINs of a"
                    + " previous database. Move it away (or restore the database) and start again.");
        }
        String pin = RoomService.generatePin(null);
        ConferenceRoom room = new ConferenceRoom(DEMO_ROOM_NUMBER, "全州电话会议室", "Prefecture conference room", pin,
                RoomService.generatePin(pin));
        boolean[] written = {false};
        try {
            tx.executeWithoutResult(status -> {
                rooms.insert(room);
                // Inside the transaction: if the file cannot be written, no room with unknown PINs remains.
                OwnerOnlyFile.write(csv, CSV_HEADER + "\n" + room.number() + "," + room.pin() + ","
                        + room.moderatorPin() + "," + room.nameZh() + "\n");
                written[0] = true;
            });
        } catch (RuntimeException e) {
            // Rolled back: PINs of a room that does not exist would only mislead.
            if (written[0]) {
                try {
                    Files.deleteIfExists(csv);
                } catch (java.io.IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
        log.info("Seeded the demo meeting room {} ({}). Its PIN and moderator PIN are in {} (readable by its owner"
                + " only).", room.number(), room.nameZh(), csv);
        return Optional.of(csv);
    }
}
