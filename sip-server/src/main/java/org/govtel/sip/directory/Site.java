package org.govtel.sip.directory;

/**
 * A site of the network and its number block: every extension of the site starts with
 * {@code prefix}; inside the site staff may dial just the last {@code localDigits} digits.
 */
public record Site(String code, String name, String prefix, int localDigits) {
}
