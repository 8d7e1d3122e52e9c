package org.govtel.provisioning.device;

import java.time.Instant;
import java.util.List;

/**
 * A desk phone or softphone as stored: its MAC address (12 lower-case hex digits), vendor and
 * model, the site it belongs to (for scoping) and its lines, each mapped to an extension.
 * {@code siteCode} is read with the row.
 */
public record Device(long id, String mac, String vendor, String model, long siteId, String siteCode,
                     String description, List<Line> lines, Instant createdAt, Instant updatedAt) {

    public Device {
        lines = List.copyOf(lines);
    }

    /** Line {@code line} (1..16) of the device registers as extension {@code extension}. */
    public record Line(int line, String extension) { }

    Device withLines(List<Line> newLines) {
        return new Device(id, mac, vendor, model, siteId, siteCode, description, newLines, createdAt, updatedAt);
    }
}
