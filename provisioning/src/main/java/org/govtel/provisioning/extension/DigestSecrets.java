package org.govtel.provisioning.extension;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The digest secrets stored for an extension instead of its password: H(A1) = H(number:realm:password)
 * with MD5 (what every desk phone speaks) and SHA-256 (RFC 8760). The SIP registrar checks
 * responses against these, so the database never holds a password. The values are bound to the
 * realm: changing the SIP realm means setting every password again.
 */
public record DigestSecrets(String ha1Md5, String ha1Sha256) {

    public static DigestSecrets of(String number, String realm, String password) {
        String a1 = number + ":" + realm + ":" + password;
        return new DigestSecrets(hex("MD5", a1), hex("SHA-256", a1));
    }

    /** Whether {@code password} is the one these secrets were made from. */
    public boolean matches(String number, String realm, String password) {
        DigestSecrets other = of(number, realm, password);
        return MessageDigest.isEqual(ha1Md5.getBytes(StandardCharsets.US_ASCII),
                other.ha1Md5.getBytes(StandardCharsets.US_ASCII))
                && MessageDigest.isEqual(ha1Sha256.getBytes(StandardCharsets.US_ASCII),
                other.ha1Sha256.getBytes(StandardCharsets.US_ASCII));
    }

    private static String hex(String algorithm, String input) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm)
                    .digest(input.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " missing from the JRE", e);
        }
    }

    @Override
    public String toString() {
        return "DigestSecrets[hidden]";
    }
}
