package org.govtel.sip.auth;

import java.nio.ByteBuffer;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and checks server nonces (RFC 7616 §3.3, §5.4).
 *
 * <p>A nonce carries its own issue time and an HMAC over it, so any nonce we issued can be
 * verified without keeping it; only nonces that were actually used are remembered, to reject a
 * replayed nonce-count. The map is pruned of expired nonces, so a flood of forged nonces cannot
 * grow it (a forged nonce fails the HMAC before it is remembered).
 */
public final class NonceService {

    /** What a nonce check says. */
    public enum Verdict { VALID, STALE, INVALID, REPLAYED }

    private static final int RANDOM_BYTES = 8;
    private static final int MAC_BYTES = 16;

    private final Clock clock;
    private final Duration lifetime;
    private final SecretKeySpec key;
    /** One Mac per thread: Mac.getInstance is costly and a shared Mac would need a lock. */
    private final ThreadLocal<Mac> macs;
    /** nonce → highest nonce-count seen; only nonces used with qop. */
    private final Map<String, Long> usedCounts = new ConcurrentHashMap<>();
    private volatile long lastPrune;

    public NonceService(Clock clock, Duration lifetime) {
        this.clock = clock;
        this.lifetime = lifetime;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    public String issue() {
        // The random part only makes nonces unique; the HMAC is what makes them unforgeable, so a
        // fast non-cryptographic source is enough here (and a shared SecureRandom is a lock).
        byte[] rnd = new byte[RANDOM_BYTES];
        ThreadLocalRandom.current().nextBytes(rnd);
        ByteBuffer body = ByteBuffer.allocate(Long.BYTES + RANDOM_BYTES);
        body.putLong(clock.millis()).put(rnd);
        byte[] mac = mac(body.array());
        ByteBuffer nonce = ByteBuffer.allocate(body.capacity() + MAC_BYTES);
        nonce.put(body.array()).put(mac, 0, MAC_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(nonce.array());
    }

    /** Whether the nonce is one of ours and still fresh, ignoring the nonce-count. */
    public Verdict check(String nonce) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException e) {
            return Verdict.INVALID;
        }
        if (raw.length != Long.BYTES + RANDOM_BYTES + MAC_BYTES) {
            return Verdict.INVALID;
        }
        ByteBuffer buf = ByteBuffer.wrap(raw);
        byte[] body = new byte[Long.BYTES + RANDOM_BYTES];
        buf.get(body);
        byte[] givenMac = new byte[MAC_BYTES];
        buf.get(givenMac);
        byte[] expected = mac(body);
        if (!MessageDigest.isEqual(givenMac, java.util.Arrays.copyOf(expected, MAC_BYTES))) {
            return Verdict.INVALID;
        }
        long issuedAt = ByteBuffer.wrap(body).getLong();
        long age = clock.millis() - issuedAt;
        if (age < 0 || age > lifetime.toMillis()) {
            return Verdict.STALE;
        }
        return Verdict.VALID;
    }

    /**
     * Records a nonce-count for a valid nonce. RFC 7616 §3.4: the count must increase with each
     * request that uses the nonce, otherwise the request is a replay.
     */
    public Verdict acceptCount(String nonce, long nonceCount) {
        pruneIfDue();
        boolean[] fresh = {false};
        usedCounts.compute(nonce, (n, previous) -> {
            if (previous == null || nonceCount > previous) {
                fresh[0] = true;
                return nonceCount;
            }
            return previous;
        });
        return fresh[0] ? Verdict.VALID : Verdict.REPLAYED;
    }

    private void pruneIfDue() {
        long now = clock.millis();
        if (now - lastPrune < lifetime.toMillis()) {
            return;
        }
        lastPrune = now;
        for (Iterator<String> it = usedCounts.keySet().iterator(); it.hasNext(); ) {
            if (check(it.next()) != Verdict.VALID) {
                it.remove();
            }
        }
    }

    private byte[] mac(byte[] body) {
        return macs.get().doFinal(body);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
