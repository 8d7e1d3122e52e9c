package org.govtel.conference.bridge;

/**
 * In-meeting keypad controls: {@code *} followed by one digit. Everyone may mute and unmute
 * themselves; the others are for the moderator.
 * <pre>
 *   *6  mute / unmute myself
 *   *1  mute / unmute everyone else          (moderator)
 *   *5  lock / unlock the meeting            (moderator)
 *   *0  end the meeting for everyone         (moderator)
 * </pre>
 */
enum KeypadCommand {
    TOGGLE_SELF_MUTE('6', false),
    TOGGLE_MUTE_ALL('1', true),
    TOGGLE_LOCK('5', true),
    END_MEETING('0', true);

    private final char key;
    private final boolean moderatorOnly;

    KeypadCommand(char key, boolean moderatorOnly) {
        this.key = key;
        this.moderatorOnly = moderatorOnly;
    }

    boolean moderatorOnly() {
        return moderatorOnly;
    }

    /** Turns keypad digits into commands; one per call. */
    static final class Reader {
        private boolean starPressed;

        /** The command completed by this digit, or null. */
        KeypadCommand onDigit(char digit) {
            if (digit == '*') {
                starPressed = true;
                return null;
            }
            boolean afterStar = starPressed;
            starPressed = false;
            if (!afterStar) {
                return null;
            }
            for (KeypadCommand c : values()) {
                if (c.key == digit) {
                    return c;
                }
            }
            return null;
        }
    }
}
