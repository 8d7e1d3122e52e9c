package org.govtel.provisioning.phoneconfig;

/**
 * Values for the line-based configuration files (Yealink {@code key = value}, Fanvil
 * {@code Key :value}): a value ends at the end of its line, and there is no escape syntax. A
 * display name holding a line break could otherwise add lines of its own (another SIP server, say);
 * so every line break and other control character becomes a space. {@code =} and {@code :} need
 * nothing: both formats split a line at the first separator, which is in the key part.
 */
final class TextValues {

    private TextValues() {
    }

    static String singleLine(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().forEach(c -> {
            // C0 and C1 controls (CR, LF, NEL...) and the Unicode line and paragraph separators;
            // bidi marks and joiners stay, Uyghur names need them.
            boolean lineBreakOrControl = Character.isISOControl(c) || c == 0x2028 || c == 0x2029;
            out.appendCodePoint(lineBreakOrControl ? ' ' : c);
        });
        return out.toString().strip();
    }
}
