package org.govtel.media.dtmf;

/** The DTMF named events of RFC 4733 §3.2 (table 7) and their characters. */
public final class TelephoneEvents {

    /** Event code of the hook flash. */
    public static final int FLASH = 16;
    /** Payload size of one event (RFC 4733 §2.3, figure 1). */
    public static final int PAYLOAD_BYTES = 4;

    private TelephoneEvents() {
    }

    /** The character of DTMF event {@code code}, or 0 when it is not a DTMF event (0-16). */
    public static char toChar(int code) {
        if (code >= 0 && code <= 9) {
            return (char) ('0' + code);
        }
        switch (code) {
            case 10:
                return '*';
            case 11:
                return '#';
            case 12:
            case 13:
            case 14:
            case 15:
                return (char) ('A' + code - 12);
            case FLASH:
                return '!';
            default:
                return 0;
        }
    }

    /** The event code of a DTMF character (case-insensitive for A-D), or -1. */
    public static int toCode(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        switch (Character.toUpperCase(c)) {
            case '*':
                return 10;
            case '#':
                return 11;
            case 'A':
                return 12;
            case 'B':
                return 13;
            case 'C':
                return 14;
            case 'D':
                return 15;
            case '!':
                return FLASH;
            default:
                return -1;
        }
    }
}
