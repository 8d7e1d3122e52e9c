package org.govtel.sip.directory;

import java.util.Objects;
import org.govtel.sip.auth.DigestAlgorithm;

/**
 * What the SIP server needs to know of an extension: its number, its site (for short dialing),
 * whether it may register, its digest secrets as H(A1) values for the server's realm, and where
 * its calls are forwarded.
 */
public record SipAccount(String number, String displayName, String siteCode, boolean enabled,
                         String ha1Md5, String ha1Sha256, CallForwarding forwarding) {

    public SipAccount {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(siteCode, "siteCode");
        forwarding = forwarding == null ? CallForwarding.NONE : forwarding;
    }

    /** An extension without call forwarding. */
    public SipAccount(String number, String displayName, String siteCode, boolean enabled,
                      String ha1Md5, String ha1Sha256) {
        this(number, displayName, siteCode, enabled, ha1Md5, ha1Sha256, CallForwarding.NONE);
    }

    public SipAccount withForwarding(CallForwarding newForwarding) {
        return new SipAccount(number, displayName, siteCode, enabled, ha1Md5, ha1Sha256, newForwarding);
    }

    public String ha1(DigestAlgorithm algorithm) {
        return switch (algorithm) {
            case MD5 -> ha1Md5;
            case SHA_256 -> ha1Sha256;
        };
    }
}
