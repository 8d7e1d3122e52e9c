package org.govtel.provisioning.device;

import java.time.Instant;
import java.util.List;

/**
 * A desk phone or softphone as stored: its MAC address (12 lower-case hex digits), vendor and
 * model, the site it belongs to (for scoping), the SIP transport its lines use ({@code udp},
 * {@code tcp} or {@code tls}) and its lines, each mapped to an extension. {@code siteCode} is
 * read with the row. The hash of its provisioning password is not part of it (see
 * {@link DeviceRepository#findProvisioningSecretHash}).
 */
public record Device(long id, String mac, String vendor, String model, long siteId, String siteCode,
                     String description, String transport, List<Line> lines, Instant createdAt, Instant updatedAt) {

    public Device {
        lines = List.copyOf(lines);
    }

    /** Line {@code line} (1..16) of the device registers as extension {@code extension}. */
    public record Line(int line, String extension) { }

    Device withLines(List<Line> newLines) {
        return new Device(id, mac, vendor, model, siteId, siteCode, description, transport, newLines, createdAt,
                updatedAt);
    }
}
