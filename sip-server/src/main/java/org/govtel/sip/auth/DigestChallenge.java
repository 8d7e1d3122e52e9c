package org.govtel.sip.auth;

/** One digest challenge (RFC 7616 §3.3) of a 401 or 407, always with qop=auth. */
public record DigestChallenge(String realm, String nonce, DigestAlgorithm algorithm, boolean stale) {

    /** The WWW-Authenticate / Proxy-Authenticate value. */
    public String headerValue() {
        return "Digest realm=\"" + realm + "\",nonce=\"" + nonce + "\",algorithm=" + algorithm.token()
                + ",qop=\"auth\"" + (stale ? ",stale=true" : "");
    }
}
