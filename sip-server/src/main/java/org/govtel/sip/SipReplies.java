package org.govtel.sip;

import java.text.ParseException;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import java.util.concurrent.ThreadLocalRandom;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.govtel.sip.auth.DigestAuthenticator;
import org.govtel.sip.wire.StatelessTags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends the server's own responses: statefully when there is a transaction, else statelessly. */
public final class SipReplies {

    private static final Logger log = LoggerFactory.getLogger(SipReplies.class);

    private final SipEndpoint sip;
    private final DigestAuthenticator auth;

    public SipReplies(SipEndpoint sip, DigestAuthenticator auth) {
        this.sip = sip;
        this.auth = auth;
    }

    /** A response with our own reason phrase, so phones and logs say what went wrong. */
    public void send(ServerTransaction tx, Request request, int status, String reason) {
        try {
            Response response = sip.messages().createResponse(status, request);
            if (reason != null) {
                response.setReasonPhrase(reason);
            }
            send(tx, response);
        } catch (ParseException e) {
            log.warn("Cannot build {} response: {}", status, e.getMessage());
        }
    }

    public void send(ServerTransaction tx, Response response) {
        try {
            ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
            if (to != null && to.getTag() == null && response.getStatusCode() > 100) {
                // RFC 3261 §8.2.6.2: a response we originate carries our To tag; without a
                // transaction, the same one for each retransmission of the request (§8.2.7).
                to.setTag(tx != null ? Long.toHexString(ThreadLocalRandom.current().nextLong()) : statelessTag(response));
            }
            if (tx != null) {
                tx.sendResponse(response);
            } else {
                sip.provider().sendResponse(response);
            }
        } catch (SipException | InvalidArgumentException | ParseException | RuntimeException e) {
            log.debug("Could not send {}: {}", response.getStatusCode(), e.toString());
        }
    }

    private static String statelessTag(Response response) {
        ViaHeader via = (ViaHeader) response.getHeader(ViaHeader.NAME);
        CallIdHeader callId = (CallIdHeader) response.getHeader(CallIdHeader.NAME);
        FromHeader from = (FromHeader) response.getHeader(FromHeader.NAME);
        return StatelessTags.of(via == null ? null : via.getBranch(), callId == null ? null : callId.getCallId(),
                from == null ? null : from.getTag());
    }

    /** 401 (registrar) or 407 (proxy) with digest challenges. */
    public void challenge(ServerTransaction tx, Request request, DigestAuthenticator.Mode mode, boolean stale) {
        int status = mode == DigestAuthenticator.Mode.REGISTRAR
                ? Response.UNAUTHORIZED : Response.PROXY_AUTHENTICATION_REQUIRED;
        try {
            Response response = sip.messages().createResponse(status, request);
            auth.addChallenges(response, mode, stale);
            send(tx, response);
        } catch (ParseException e) {
            log.warn("Cannot build challenge: {}", e.getMessage());
        }
    }
}
