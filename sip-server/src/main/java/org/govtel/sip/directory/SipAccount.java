package org.govtel.sip.directory;

import java.util.Objects;
import org.govtel.sip.auth.DigestAlgorithm;

/**
 * What the SIP server needs to know of an extension: its number, its site (for short dialing),
 * whether it may register, and its digest secrets as H(A1) values for the server's realm.
 */
public record SipAccount(String number, String displayName, String siteCode, boolean enabled,
                         String ha1Md5, String ha1Sha256) {

    public SipAccount {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(siteCode, "siteCode");
    }

    public String ha1(DigestAlgorithm algorithm) {
        return switch (algorithm) {
            case MD5 -> ha1Md5;
            case SHA_256 -> ha1Sha256;
        };
    }
}
