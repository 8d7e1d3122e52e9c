package org.govtel.media.srtp;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * The outcome of an SDES exchange (RFC 4568) for one SRTP stream pair: the crypto-suite, the tag of
 * the agreed {@code a=crypto} line, and the two master key||salt values (30 octets each for the
 * supported suites). The remote key decrypts and authenticates what the phone sends; the local key
 * (ours, from {@link #newKeySalt()}) protects what we send (RFC 4568 §6.1: each side sends with the key
 * it declared).
 *
 * <p>Immutable; the key arrays are copied in and out. {@link #toString()} never shows key material.
 */
public final class SrtpParameters {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final int tag;
    private final SrtpSuite suite;
    private final byte[] remoteKeySalt;
    private final byte[] localKeySalt;

    /**
     * @param tag           the tag of the agreed a=crypto line (RFC 4568 §9.1: up to 9 digits)
     * @param suite         the crypto-suite
     * @param remoteKeySalt the remote's master key followed by its master salt
     * @param localKeySalt  our master key followed by our master salt
     */
    public SrtpParameters(int tag, SrtpSuite suite, byte[] remoteKeySalt, byte[] localKeySalt) {
        if (tag < 0 || tag > 999_999_999) {
            throw new IllegalArgumentException("crypto tag out of range: " + tag);
        }
        this.tag = tag;
        this.suite = Objects.requireNonNull(suite, "suite");
        this.remoteKeySalt = checked(remoteKeySalt, "remote");
        this.localKeySalt = checked(localKeySalt, "local");
    }

    private static byte[] checked(byte[] keySalt, String which) {
        Objects.requireNonNull(keySalt, which + " key");
        if (keySalt.length != SrtpSuite.KEY_SALT_BYTES) {
            throw new IllegalArgumentException("the " + which + " master key||salt must be "
                    + SrtpSuite.KEY_SALT_BYTES + " octets, not " + keySalt.length);
        }
        return keySalt.clone();
    }

    /** A fresh random master key||salt from {@link SecureRandom} (RFC 4568 §6.1, RFC 3711 §9.2). */
    public static byte[] newKeySalt() {
        byte[] keySalt = new byte[SrtpSuite.KEY_SALT_BYTES];
        RANDOM.nextBytes(keySalt);
        return keySalt;
    }

    public int tag() {
        return tag;
    }

    public SrtpSuite suite() {
        return suite;
    }

    /** A copy of the remote's master key||salt (it decrypts what the remote sends). */
    public byte[] remoteKeySalt() {
        return remoteKeySalt.clone();
    }

    /** A copy of our master key||salt (it protects what we send). */
    public byte[] localKeySalt() {
        return localKeySalt.clone();
    }

    /** The same parameters with another remote key (RFC 4568 §7.1.4: a re-key by the remote). */
    public SrtpParameters withRemoteKeySalt(byte[] keySalt) {
        return new SrtpParameters(tag, suite, keySalt, localKeySalt);
    }

    /** Whether the remote key||salt equals {@code keySalt} (constant time). */
    public boolean remoteKeyEquals(byte[] keySalt) {
        return MessageDigest.isEqual(remoteKeySalt, keySalt);
    }

    /** Whether both sides use the same suite and master keys as {@code other} (the tag may differ). */
    public boolean sameKeys(SrtpParameters other) {
        return other != null && suite == other.suite && MessageDigest.isEqual(remoteKeySalt, other.remoteKeySalt)
                && MessageDigest.isEqual(localKeySalt, other.localKeySalt);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SrtpParameters p && p.tag == tag && sameKeys(p);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tag, suite, Arrays.hashCode(remoteKeySalt), Arrays.hashCode(localKeySalt));
    }

    /** Suite and tag only: keys are never printed. */
    @Override
    public String toString() {
        return "SrtpParameters[tag " + tag + ", " + suite + "]";
    }
}
