package org.govtel.sip.directory;

/**
 * A reserved number that is not an extension: the operator, a conference room, a service.
 * Calls to it go to {@code targetUri} (a SIP URI of the service, or {@code sip:NUMBER} of an
 * extension that serves it, such as the operator's desk).
 */
public record ServiceNumber(String number, String kind, String name, String targetUri) {
}
