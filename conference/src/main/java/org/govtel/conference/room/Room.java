package org.govtel.conference.room;

import java.util.Objects;

/**
 * A meeting room of the audio bridge: its number in the numbering plan (dialed like any other
 * number), a name, the PIN participants enter and the moderator PIN that gives control of the
 * meeting. PINs are digits only (what a desk phone keypad sends) and never equal.
 */
public record Room(String number, String name, String pin, String moderatorPin) {

    public static final int MIN_PIN_DIGITS = 4;
    public static final int MAX_PIN_DIGITS = 12;

    public Room {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(name, "name");
        checkPin("pin", pin);
        checkPin("moderatorPin", moderatorPin);
        if (pin.equals(moderatorPin)) {
            throw new IllegalArgumentException("pin and moderatorPin must differ");
        }
    }

    private static void checkPin(String field, String value) {
        if (value == null || value.length() < MIN_PIN_DIGITS || value.length() > MAX_PIN_DIGITS
                || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException(field + " must be " + MIN_PIN_DIGITS + "-" + MAX_PIN_DIGITS + " digits");
        }
    }

    /** PINs are secrets: they never appear in logs through toString. */
    @Override
    public String toString() {
        return "Room[" + number + " " + name + "]";
    }
}
