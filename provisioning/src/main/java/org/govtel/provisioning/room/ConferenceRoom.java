package org.govtel.provisioning.room;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A meeting room as stored: its number (a service number of kind conference), names, and the
 * participant and moderator PINs. PINs are left out of {@link #toString()} so they never reach a log,
 * and out of the JSON when a reader may not see them ({@link #withoutPins}).
 */
public record ConferenceRoom(String number, String nameZh, String nameEn,
                             @JsonInclude(JsonInclude.Include.NON_NULL) String pin,
                             @JsonInclude(JsonInclude.Include.NON_NULL) String moderatorPin) {

    /** The same room without its PINs, for readers who may not see them (auditors, the audit log). */
    public ConferenceRoom withoutPins() {
        return new ConferenceRoom(number, nameZh, nameEn, null, null);
    }

    @Override
    public String toString() {
        return "ConferenceRoom[" + number + " " + nameZh + "]";
    }
}
