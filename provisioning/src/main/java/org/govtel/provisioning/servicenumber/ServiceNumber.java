package org.govtel.provisioning.servicenumber;

import java.util.Locale;
import java.util.Objects;

/**
 * A reserved number that is not an extension: the operator, a conference room, a service.
 * {@code targetUri} is where calls go: digits name the extension that serves it (the operator's
 * duty desk), anything else is a SIP URI of the service.
 *
 * <p>Reserved blocks, outside every site prefix (sites use blocks starting 1..3): 80xxxx for the
 * operator and services, 88xxxx for conference rooms.
 */
public record ServiceNumber(String number, Kind kind, String nameZh, String nameEn, String targetUri) {

    public enum Kind {
        OPERATOR, CONFERENCE, SERVICE;

        public String dbValue() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind fromDb(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    public ServiceNumber {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(nameZh, "nameZh");
        Objects.requireNonNull(targetUri, "targetUri");
        if (number.isEmpty() || !number.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("a service number is digits: " + number);
        }
    }
}
