package org.govtel.sip.auth;

import java.util.Map;
import javax.sip.header.AuthorizationHeader;

/**
 * The digest answer in an Authorization or Proxy-Authorization header (RFC 7616 §3.4), whichever
 * parser read it. {@code nonceCount} is the nc value (hex on the wire); 0 when absent.
 */
public record DigestCredentials(String username, String realm, String nonce, String uri, String response,
                                String algorithm, String qop, int nonceCount, String cnonce) {

    /** From a header the JAIN SIP stack parsed. */
    public static DigestCredentials of(AuthorizationHeader h) {
        return new DigestCredentials(h.getUsername(), h.getRealm(), h.getNonce(), h.getURI() == null ? null
                : h.getURI().toString(), h.getResponse(), h.getAlgorithm(), h.getQop(), h.getNonceCount(),
                h.getCNonce());
    }

    /**
     * From the parameters of a Digest credentials value (names lower-case, quotes removed); null
     * when the nc value is not hexadecimal.
     */
    public static DigestCredentials of(Map<String, String> params) {
        String nc = params.get("nc");
        int nonceCount = 0;
        if (nc != null) {
            if (nc.isEmpty() || nc.length() > 8) {
                return null;
            }
            try {
                nonceCount = (int) Long.parseLong(nc, 16);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return new DigestCredentials(params.get("username"), params.get("realm"), params.get("nonce"),
                params.get("uri"), params.get("response"), params.get("algorithm"), params.get("qop"),
                nonceCount, params.get("cnonce"));
    }
}
