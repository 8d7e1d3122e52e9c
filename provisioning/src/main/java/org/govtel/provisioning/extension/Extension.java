package org.govtel.provisioning.extension;

import java.time.Instant;

/**
 * An extension (a desk phone's account) as stored: its network-wide number, its site and office,
 * and the digest secrets of its password. {@code siteCode} is read with the row so the SIP
 * layer needs one query per lookup.
 */
public record Extension(String number, long siteId, String siteCode, Long officeId, String displayName,
                        DigestSecrets secrets, boolean enabled, Instant createdAt, Instant updatedAt) {
}
