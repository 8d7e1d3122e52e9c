package org.govtel.provisioning.device;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.govtel.provisioning.extension.Passwords;

/**
 * A device's provisioning password: what the phone sends (HTTP Basic, user name = its MAC) to
 * fetch its configuration file. 24 characters from the SIP passwords' look-alike-free alphabet,
 * about 140 bits from {@code SecureRandom} ({@link Passwords}): a random token, not something a person chose, so a
 * plain SHA-256 is enough to store it (no guess list to run through a slow hash) and checking it
 * costs nothing on every fetch.
 */
public final class ProvisioningPasswords {

    public static final int LENGTH = 24;

    private ProvisioningPasswords() {
    }

    public static String generate() {
        return Passwords.generate(LENGTH);
    }

    /** What the database keeps: SHA-256 of the password, 64 lower-case hex digits. */
    public static String hash(String password) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JRE", e);
        }
    }

    /** Whether {@code password} hashes to {@code storedHash}, in time independent of where they differ. */
    public static boolean matches(String password, String storedHash) {
        if (password == null || storedHash == null) {
            return false;
        }
        return MessageDigest.isEqual(hash(password).getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
