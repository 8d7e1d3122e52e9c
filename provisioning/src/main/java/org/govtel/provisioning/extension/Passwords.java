package org.govtel.provisioning.extension;

import java.security.SecureRandom;

/**
 * Generates SIP passwords. 16 characters from a 55-symbol alphabet (about 92 bits) from
 * {@link SecureRandom}: not guessable, yet typeable on a phone's web page. Look-alike characters
 * (0/O, 1/l/I) are left out because people copy these from a printout; no punctuation, so the
 * password needs no quoting in CSV files, shells or phone configuration files.
 */
public final class Passwords {

    private static final char[] ALPHABET =
            "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    public static final int LENGTH = 16;

    private static final SecureRandom RANDOM = new SecureRandom();

    private Passwords() {
    }

    public static String generate() {
        return generate(LENGTH);
    }

    /** {@code length} characters of the same alphabet (device provisioning passwords are longer). */
    public static String generate(int length) {
        char[] out = new char[length];
        for (int i = 0; i < out.length; i++) {
            out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(out);
    }
}
