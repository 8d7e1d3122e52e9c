package org.govtel.provisioning.registration;

import java.time.Instant;

/** One phone registered for an extension, as the SIP registrar sees it now. */
public record RegisteredContact(String contactUri, String receivedHost, int receivedPort, String transport,
                                Instant expiresAt, String userAgent) {
}
