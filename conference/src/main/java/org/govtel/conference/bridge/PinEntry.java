package org.govtel.conference.bridge;

import org.govtel.conference.room.Room;

/**
 * The PIN dialogue of a caller who has just reached a room: keypad digits are collected until
 * {@code #}; the participant PIN admits as participant, the moderator PIN as moderator; a wrong
 * PIN is asked again, and after {@value #MAX_ATTEMPTS} wrong ones the caller is sent away.
 * {@code *} clears what was typed so far (a common keypad convention for "start over").
 * Pure logic: the call feeds it digits and acts on the outcome.
 */
final class PinEntry {

    static final int MAX_ATTEMPTS = 3;

    enum Outcome { CONTINUE, PARTICIPANT, MODERATOR, WRONG, TOO_MANY_WRONG }

    private final Room room;
    private final StringBuilder typed = new StringBuilder();
    private int wrong;

    PinEntry(Room room) {
        this.room = room;
    }

    Outcome onDigit(char digit) {
        if (digit == '*') {
            typed.setLength(0);
            return Outcome.CONTINUE;
        }
        if (digit != '#') {
            if (typed.length() < Room.MAX_PIN_DIGITS + 4) { // a stuck key must not grow this without bound
                typed.append(digit);
            }
            return Outcome.CONTINUE;
        }
        String pin = typed.toString();
        typed.setLength(0);
        if (constantTimeEquals(pin, room.moderatorPin())) {
            return Outcome.MODERATOR;
        }
        if (constantTimeEquals(pin, room.pin())) {
            return Outcome.PARTICIPANT;
        }
        return ++wrong >= MAX_ATTEMPTS ? Outcome.TOO_MANY_WRONG : Outcome.WRONG;
    }

    /** A missed deadline (nothing typed for too long) counts as a wrong attempt. */
    Outcome onTimeout() {
        typed.setLength(0);
        return ++wrong >= MAX_ATTEMPTS ? Outcome.TOO_MANY_WRONG : Outcome.WRONG;
    }

    int wrongAttempts() {
        return wrong;
    }

    private static boolean constantTimeEquals(String a, String b) {
        return java.security.MessageDigest.isEqual(a.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                b.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
}
