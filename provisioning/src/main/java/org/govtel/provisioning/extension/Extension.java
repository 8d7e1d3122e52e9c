package org.govtel.provisioning.extension;

import java.time.Instant;

/**
 * An extension (a desk phone's account) as stored: its network-wide number, its site and office,
 * and the digest secrets of its password. {@code siteCode} is read with the row so the SIP
 * layer needs one query per lookup. The display name is Chinese; Kazakh and Uyghur forms are
 * optional.
 */
public record Extension(String number, long siteId, String siteCode, Long officeId, String displayName,
                        DigestSecrets secrets, boolean enabled, Instant createdAt, Instant updatedAt,
                        String displayNameKk, String displayNameUg, Forwarding forwarding) {

    /**
     * Call forwarding targets (numbers; null = off): always, when busy, when not answered.
     * Stored and managed through the API; the SIP routing applies them in a later release.
     */
    public record Forwarding(String always, String busy, String noAnswer) {
        public static final Forwarding NONE = new Forwarding(null, null, null);
    }
}
