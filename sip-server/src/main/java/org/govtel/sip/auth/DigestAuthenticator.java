package org.govtel.sip.auth;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Optional;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ProxyAuthorizationHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.govtel.sip.directory.SipAccount;

/**
 * HTTP Digest for SIP (RFC 3261 §22, RFC 7616, RFC 8760): builds challenges and checks answers
 * against the stored H(A1) of an account. Registrars challenge with 401/WWW-Authenticate, the
 * proxy with 407/Proxy-Authenticate; the arithmetic is the same.
 */
public final class DigestAuthenticator {

    /** Which pair of headers a check uses. */
    public enum Mode { REGISTRAR, PROXY }

    /** The outcome of checking a request's credentials. */
    public sealed interface Result {
        /** Credentials present and correct for this account. */
        record Authenticated(String username) implements Result { }
        /** No usable credentials for our realm, or an expired nonce: challenge (again). */
        record Challenge(boolean stale) implements Result { }
        /** Credentials present but wrong: a 403 with this reason. */
        record Rejected(String reason) implements Result { }
    }

    private final String realm;
    private final List<DigestAlgorithm> offered;
    private final NonceService nonces;
    private final HeaderFactory headers;

    public DigestAuthenticator(String realm, List<DigestAlgorithm> offered, NonceService nonces,
                               HeaderFactory headers) {
        if (offered.isEmpty()) {
            throw new IllegalArgumentException("at least one digest algorithm must be offered");
        }
        this.realm = realm;
        this.offered = List.copyOf(offered);
        this.nonces = nonces;
        this.headers = headers;
    }

    public String realm() {
        return realm;
    }

    /** The username of our realm's credentials in the request, if any. */
    public Optional<String> credentialsUsername(Request request, Mode mode) {
        return Optional.ofNullable(credentials(request, mode)).map(DigestCredentials::username);
    }

    /**
     * Checks the request's credentials for {@code account}. The caller has already decided which
     * account the request must prove (the To user of a REGISTER, the From user of an INVITE).
     */
    public Result verify(Request request, Mode mode, SipAccount account) {
        return verify(credentials(request, mode), request.getMethod(), account);
    }

    /**
     * Checks credentials of our realm ({@code null}: none) sent with a request of {@code method}
     * against {@code account}'s stored H(A1).
     */
    public Result verify(DigestCredentials auth, String method, SipAccount account) {
        if (auth == null) {
            return new Result.Challenge(false);
        }
        Optional<DigestAlgorithm> algorithm = DigestAlgorithm.fromToken(auth.algorithm());
        if (algorithm.isEmpty() || !offered.contains(algorithm.get())) {
            return new Result.Challenge(false);
        }
        String nonce = auth.nonce();
        if (nonce == null || auth.response() == null || auth.uri() == null) {
            return new Result.Rejected("Incomplete credentials");
        }
        NonceService.Verdict nonceVerdict = nonces.check(nonce);
        if (nonceVerdict == NonceService.Verdict.INVALID) {
            return new Result.Challenge(false);
        }
        if (!account.number().equals(auth.username())) {
            return new Result.Rejected("Credentials do not match the identity");
        }
        String ha1 = account.ha1(algorithm.get());
        if (ha1 == null || ha1.isEmpty()) {
            return new Result.Rejected("No secret set for this algorithm");
        }
        String qop = auth.qop();
        String expected;
        String ha2 = algorithm.get().hashHex(method + ":" + auth.uri());
        if (qop == null || qop.isEmpty()) {
            expected = algorithm.get().hashHex(ha1 + ":" + nonce + ":" + ha2);
        } else if ("auth".equalsIgnoreCase(qop)) {
            if (auth.cnonce() == null) {
                return new Result.Rejected("qop=auth without cnonce");
            }
            String nc = nonceCountHex(auth.nonceCount());
            expected = algorithm.get().hashHex(ha1 + ":" + nonce + ":" + nc + ":" + auth.cnonce()
                    + ":" + qop.toLowerCase(Locale.ROOT) + ":" + ha2);
        } else {
            return new Result.Rejected("Unsupported qop " + qop);
        }
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                auth.response().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            return new Result.Rejected("Wrong password");
        }
        // Only a correct answer to an expired nonce earns stale=true (RFC 7616 §3.3): the phone
        // knows the password and may retry without asking its user.
        if (nonceVerdict == NonceService.Verdict.STALE) {
            return new Result.Challenge(true);
        }
        if (qop != null && !qop.isEmpty()
                && nonces.acceptCount(nonce, auth.nonceCount()) == NonceService.Verdict.REPLAYED) {
            return new Result.Rejected("Replayed nonce-count");
        }
        return new Result.Authenticated(auth.username());
    }

    /** The nc value as the phone hashed it: eight lower-case hex digits (RFC 7616 §3.4). */
    static String nonceCountHex(int nc) {
        String hex = Integer.toHexString(nc);
        return "00000000".substring(hex.length()) + hex;
    }

    /** One challenge per offered algorithm, most preferred first (RFC 8760 §2.4), all with one fresh nonce. */
    public List<DigestChallenge> challenges(boolean stale) {
        String nonce = nonces.issue();
        List<DigestChallenge> out = new ArrayList<>(offered.size());
        for (DigestAlgorithm algorithm : offered) {
            out.add(new DigestChallenge(realm, nonce, algorithm, stale));
        }
        return out;
    }

    /** Adds {@link #challenges(boolean)} to a response of the stack. */
    public void addChallenges(Response response, Mode mode, boolean stale) throws ParseException {
        for (DigestChallenge c : challenges(stale)) {
            WWWAuthenticateHeader challenge = mode == Mode.REGISTRAR
                    ? headers.createWWWAuthenticateHeader("Digest")
                    : headers.createProxyAuthenticateHeader("Digest");
            challenge.setRealm(c.realm());
            challenge.setNonce(c.nonce());
            challenge.setAlgorithm(c.algorithm().token());
            challenge.setQop("auth");
            if (c.stale()) {
                challenge.setStale(true);
            }
            response.addHeader(challenge);
        }
    }

    /** The credentials of our realm in the request (the first Digest answer naming it), or null. */
    private DigestCredentials credentials(Request request, Mode mode) {
        return credentials(request, mode, realm);
    }

    /** The first Digest answer for {@code realm} in a request the stack parsed, or null. */
    public static DigestCredentials credentials(Request request, Mode mode, String realm) {
        String name = mode == Mode.REGISTRAR ? AuthorizationHeader.NAME : ProxyAuthorizationHeader.NAME;
        ListIterator<?> it = request.getHeaders(name);
        while (it.hasNext()) {
            AuthorizationHeader auth = (AuthorizationHeader) it.next();
            if ("Digest".equalsIgnoreCase(auth.getScheme()) && realm.equals(auth.getRealm())) {
                return DigestCredentials.of(auth);
            }
        }
        return null;
    }
}
