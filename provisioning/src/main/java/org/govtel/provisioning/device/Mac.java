package org.govtel.provisioning.device;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * MAC addresses as admins type them ({@code 00:15:65:aa:bb:cc}, {@code 00-15-65-AA-BB-CC},
 * {@code 001565aabbcc}) and as stored and used in provisioning file names: 12 lower-case hex
 * digits.
 */
public final class Mac {

    static final String REGEX = "([0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}|([0-9A-Fa-f]{2}-){5}[0-9A-Fa-f]{2}|[0-9A-Fa-f]{12}";
    static final String MESSAGE = "must be a MAC address: 12 hex digits, optionally in pairs separated by : or -";

    private static final Pattern PATTERN = Pattern.compile(REGEX);

    private Mac() {
    }

    public static boolean valid(String mac) {
        return mac != null && PATTERN.matcher(mac.trim()).matches();
    }

    /** The stored form of a valid MAC address; IllegalArgumentException for anything else. */
    public static String normalise(String mac) {
        if (!valid(mac)) {
            throw new IllegalArgumentException("not a MAC address: " + mac);
        }
        return mac.trim().replace(":", "").replace("-", "").toLowerCase(Locale.ROOT);
    }
}
