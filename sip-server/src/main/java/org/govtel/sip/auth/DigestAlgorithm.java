package org.govtel.sip.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/** The digest hash functions GovTel accepts (RFC 7616 §3.2, RFC 8760 for SIP). */
public enum DigestAlgorithm {
    MD5("MD5", "MD5"),
    SHA_256("SHA-256", "SHA-256");

    private static final HexFormat HEX = HexFormat.of();

    private final String token;
    /** One instance per thread: looking a digest up by name costs more than hashing a REGISTER. */
    private final ThreadLocal<MessageDigest> digests;

    DigestAlgorithm(String token, String jcaName) {
        this.token = token;
        this.digests = ThreadLocal.withInitial(() -> {
            try {
                return MessageDigest.getInstance(jcaName);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(jcaName + " missing from the JRE", e);
            }
        });
    }

    /** The value of the {@code algorithm} parameter on the wire. */
    public String token() {
        return token;
    }

    /** Parses an {@code algorithm} parameter; absent means MD5 (RFC 7616 §3.3). */
    public static Optional<DigestAlgorithm> fromToken(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.of(MD5);
        }
        for (DigestAlgorithm a : values()) {
            if (a.token.equalsIgnoreCase(token)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    public String hashHex(String input) {
        MessageDigest md = digests.get();
        return HEX.formatHex(md.digest(input.getBytes(StandardCharsets.UTF_8)));
    }

    /** H(A1) for a user, so that only this value and never the password has to be stored. */
    public String ha1(String username, String realm, String password) {
        return hashHex(username + ":" + realm + ":" + password);
    }

    @Override
    public String toString() {
        return token.toLowerCase(Locale.ROOT);
    }
}
