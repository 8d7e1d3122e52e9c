package org.govtel.media.sdp;

import java.math.BigInteger;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.govtel.media.srtp.SrtpSuite;

/**
 * The checks that decide whether an SDES {@code a=crypto} line (RFC 4568) can key an SRTP stream
 * here, and the writing of our own lines.
 *
 * <ul>
 *   <li>Suite: {@link SrtpSuite} only (§6.2.1, §6.2.2); AEAD, F8 and 256-bit suites are refused.</li>
 *   <li>Key parameters (§9.1): exactly one {@code inline:<key||salt>[|lifetime][|MKI:length]}; the
 *       key||salt must be base64 of 30 octets (§6.2.1: otherwise the attribute is invalid).</li>
 *   <li>Lifetime (§6.1): accepted when it is at least 2^31 packets (more than 8 months of 10 ms
 *       packets, longer than any call), so we never have to re-key on it; shorter lifetimes are
 *       refused rather than silently exceeded.</li>
 *   <li>MKI (§6.1): refused — jitsi-srtp has no MKI field, and a single key needs none.</li>
 *   <li>Session parameters (§6.3): {@code KDR=0} and the hints {@code WSH} (§6.3.7; our replay window is
 *       64, the minimum the RFC allows), {@code FEC_ORDER} and {@code FEC_KEY} (we use no FEC stream) are
 *       accepted; {@code UNENCRYPTED_SRTP}, {@code UNENCRYPTED_SRTCP}, {@code UNAUTHENTICATED_SRTP} and
 *       any other {@code KDR} are refused; unknown parameters are refused unless they start with
 *       {@code -} (§9.1: optional extensions).</li>
 * </ul>
 */
public final class SdesCrypto {

    /** The shortest key lifetime we accept, in packets. */
    public static final long MIN_LIFETIME = 1L << 31;

    private SdesCrypto() {
    }

    /** A checked line: {@code problem} is null when the line can be used. */
    public record Checked(CryptoAttribute line, SrtpSuite suite, byte[] keySalt, String problem) {

        public boolean usable() {
            return problem == null;
        }

        @Override
        public String toString() {
            return "Checked[" + line + (problem == null ? "" : ": " + problem) + "]"; // no key
        }
    }

    /** Checks one line (see the class comment). Never throws on bad input. */
    public static Checked check(CryptoAttribute line) {
        SrtpSuite suite = SrtpSuite.forName(line.suite());
        if (suite == null) {
            return bad(line, "crypto-suite " + line.suite() + " is not supported");
        }
        String params = line.keyParams();
        if (params.indexOf(';') >= 0) {
            return bad(line, "several master keys (MKI) are not supported (RFC 4568 §6.1)");
        }
        if (!params.regionMatches(true, 0, "inline:", 0, 7)) {
            return bad(line, "key method must be inline: (RFC 4568 §9.1)");
        }
        String[] info = params.substring(7).split("\\|", -1);
        if (info.length > 3) {
            return bad(line, "inline key has too many |-separated fields (RFC 4568 §9.1)");
        }
        byte[] keySalt;
        try {
            keySalt = Base64.getDecoder().decode(info[0]);
        } catch (IllegalArgumentException e) {
            return bad(line, "inline key is not valid base64 (RFC 4568 §6.1)");
        }
        if (keySalt.length != SrtpSuite.KEY_SALT_BYTES) {
            return bad(line, "inline key||salt is " + keySalt.length + " octets; " + suite + " needs "
                    + SrtpSuite.KEY_SALT_BYTES + " (RFC 4568 §6.2)");
        }
        for (int i = 1; i < info.length; i++) {
            String field = info[i];
            if (field.indexOf(':') >= 0) {
                return bad(line, "MKI is not supported (RFC 4568 §6.1)");
            }
            if (i != 1) {
                return bad(line, "inline key has a field after the lifetime that is not an MKI");
            }
            String lifetimeProblem = checkLifetime(field);
            if (lifetimeProblem != null) {
                return bad(line, lifetimeProblem);
            }
        }
        if (line.sessionParams() != null) {
            for (String p : line.sessionParams().trim().split("\\s+")) {
                String problem = checkSessionParameter(p);
                if (problem != null) {
                    return bad(line, problem);
                }
            }
        }
        return new Checked(line, suite, keySalt, null);
    }

    private static Checked bad(CryptoAttribute line, String problem) {
        return new Checked(line, null, null, "a=crypto:" + line.tag() + " " + problem);
    }

    /** RFC 4568 §6.1: lifetime is a decimal number of packets or {@code 2^n}. */
    private static String checkLifetime(String field) {
        BigInteger value;
        try {
            if (field.startsWith("2^")) {
                int exponent = Integer.parseInt(field.substring(2));
                if (exponent < 0 || exponent > 64) {
                    return "key lifetime " + field + " is out of range";
                }
                value = BigInteger.ONE.shiftLeft(exponent);
            } else {
                value = new BigInteger(field);
            }
        } catch (NumberFormatException e) {
            return "key lifetime " + field + " is not a number or 2^n (RFC 4568 §6.1)";
        }
        if (value.compareTo(BigInteger.valueOf(MIN_LIFETIME)) < 0) {
            return "key lifetime " + field + " is shorter than the 2^31 packets we require "
                    + "(re-keying on lifetime is not supported)";
        }
        return null;
    }

    private static String checkSessionParameter(String p) {
        if (p.isEmpty() || p.startsWith("-")) {
            return null; // an optional extension we may ignore
        }
        String upper = p.toUpperCase(Locale.ROOT);
        if (upper.equals("KDR=0")) {
            return null;
        }
        for (String hint : List.of("WSH=", "FEC_ORDER=", "FEC_KEY=")) {
            if (upper.startsWith(hint)) {
                return null;
            }
        }
        if (upper.startsWith("KDR=")) {
            return "key derivation rate " + p + " is not supported (KDR=0 only)";
        }
        return "session parameter " + p + " is not supported";
    }

    /** Our line: {@code <tag> <suite> inline:<base64 key||salt>}, no lifetime (RFC 3711 defaults), no MKI. */
    public static String value(int tag, SrtpSuite suite, byte[] keySalt) {
        return tag + " " + suite.name() + " inline:" + Base64.getEncoder().encodeToString(keySalt);
    }
}
