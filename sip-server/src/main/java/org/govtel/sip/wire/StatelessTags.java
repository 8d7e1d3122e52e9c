package org.govtel.sip.wire;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * To tags for the responses the server sends without a transaction (challenges, refusals).
 * RFC 3261 §8.2.7: a stateless UAS must give every retransmission of a request the same tag, so
 * the tag is derived from what names the request (its top Via branch, Call-ID and From tag)
 * under a key of this process. The tag also checks itself: 16 hex digits, then 8 of a keyed
 * check of them, so the ACK for a stateless 407 is recognised without remembering anything.
 */
public final class StatelessTags {

    private static final HexFormat HEX = HexFormat.of();
    private static final long KEY = new SecureRandom().nextLong();

    private StatelessTags() {
    }

    /** The tag for a request with this top Via branch, Call-ID and From tag (any may be null). */
    public static String of(String branch, String callId, String fromTag) {
        long h = 0xcbf29ce484222325L; // FNV-1a over the three values, then keyed
        for (String part : new String[] {branch, callId, fromTag}) {
            String s = part == null ? "" : part;
            for (int i = 0; i < s.length(); i++) {
                h = (h ^ s.charAt(i)) * 0x100000001b3L;
            }
            h = (h ^ '|') * 0x100000001b3L;
        }
        long value = mix(h ^ KEY);
        return HEX.toHexDigits(value) + HEX.toHexDigits(check(value));
    }

    /** Whether {@code tag} is one of ours (another element's tag passes by a 1 in 2^32 chance). */
    public static boolean isOurs(String tag) {
        if (tag == null || tag.length() != 24) {
            return false;
        }
        try {
            long value = Long.parseUnsignedLong(tag, 0, 16, 16);
            int check = Integer.parseUnsignedInt(tag, 16, 24, 16);
            return check == check(value);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * A keyed check of a tag's value. It is no secret seal and need not be: a forged tag only lets
     * its sender's own ACK be dropped, which an ACK for a 407 is anyway.
     */
    private static int check(long value) {
        return (int) mix(value ^ Long.rotateLeft(KEY, 32));
    }

    /** The finaliser of SplitMix64: every input bit moves every output bit. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
