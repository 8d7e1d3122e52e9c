package org.govtel.sip;

import gov.nist.javax.sip.message.SIPMessage;
import java.util.List;
import java.util.Set;
import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.TransactionUnavailableException;
import javax.sip.address.SipURI;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.ProxyAuthorizationHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.govtel.sip.proxy.Proxy;
import org.govtel.sip.registrar.StackRegistrations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application layer's entry point from the JAIN SIP stack: sorts each message to the
 * registrar, the proxy, or the server's own answers (OPTIONS keep-alive, 405/501/513).
 */
final class SipDispatcher implements SipListener {

    private static final Logger log = LoggerFactory.getLogger(SipDispatcher.class);

    /** Methods the proxy relays; anything else out of dialog is not implemented here. */
    static final Set<String> PROXIED = Set.of(Request.INVITE, Request.ACK, Request.BYE, Request.CANCEL,
            Request.OPTIONS, Request.INFO, Request.UPDATE, Request.REFER, Request.NOTIFY, Request.SUBSCRIBE,
            Request.MESSAGE, Request.PRACK);
    static final List<String> ALLOWED = List.of(Request.INVITE, Request.ACK, Request.BYE, Request.CANCEL,
            Request.OPTIONS, Request.REGISTER, Request.INFO, Request.UPDATE, Request.REFER, Request.NOTIFY,
            Request.SUBSCRIBE, Request.MESSAGE, Request.PRACK);

    private final SipEndpoint sip;
    private final SipReplies replies;
    private final StackRegistrations registrations;
    private final Proxy proxy;
    private final int maxUdpRequestBytes;

    SipDispatcher(SipEndpoint sip, SipReplies replies, StackRegistrations registrations, Proxy proxy,
                  int maxUdpRequestBytes) {
        this.sip = sip;
        this.replies = replies;
        this.registrations = registrations;
        this.proxy = proxy;
        this.maxUdpRequestBytes = maxUdpRequestBytes;
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        String method = request.getMethod();
        ServerTransaction tx = null;
        try {
            if (Request.ACK.equals(method)) {
                int routes = proxy.consumeOwnRoutes(request);
                if (!isForUs(request)) {
                    proxy.routeInDialog(request, null, routes > 0);
                }
                return;
            }
            int routes = -1;
            if (Request.BYE.equals(method) && Proxy.inDialog(request) && !tooLargeForUdp(request)) {
                routes = proxy.consumeOwnRoutes(request);
                if (proxy.relayByeStatelessly(request, routes > 0)) {
                    return;
                }
            }
            if (needsTransaction(request)) {
                tx = serverTransaction(event);
                if (tx == null) {
                    return; // a retransmission, already answered or being handled
                }
            }
            if (tooLargeForUdp(request)) {
                replies.send(tx, request, Response.MESSAGE_TOO_LARGE, "Message Too Large");
                return;
            }
            if (Request.CANCEL.equals(method)) {
                proxy.cancel(request, tx);
                return;
            }
            if (routes < 0) {
                routes = proxy.consumeOwnRoutes(request);
            }
            if (Proxy.inDialog(request)) {
                if (!PROXIED.contains(method)) {
                    replies.send(tx, request, Response.NOT_IMPLEMENTED, "Method not implemented");
                    return;
                }
                proxy.routeInDialog(request, tx, routes > 0);
                return;
            }
            switch (method) {
                case Request.REGISTER -> registrations.register(request, tx);
                case Request.OPTIONS -> {
                    if (isForUs(request)) {
                        answerOptions(request, tx);
                    } else {
                        proxy.routeInitial(request, tx);
                    }
                }
                case "PUBLISH" -> methodNotAllowed(request, tx);
                default -> {
                    if (PROXIED.contains(method)) {
                        proxy.routeInitial(request, tx);
                    } else {
                        replies.send(tx, request, Response.NOT_IMPLEMENTED, "Method not implemented");
                    }
                }
            }
        } catch (Exception e) {
            log.warn("Failed to process {}: {}", method, e.toString(), e);
            if (!Request.ACK.equals(method)) {
                // On the transaction made for it, if any: a stateless 500 would carry a stateless
                // To tag, and its ACK would end at the UDP tap instead of this transaction.
                replies.send(tx != null ? tx : event.getServerTransaction(), request,
                        Response.SERVER_INTERNAL_ERROR, "Internal error");
            }
        }
    }

    /**
     * A request without credentials can only earn a challenge or a refusal; those are answered
     * statelessly (RFC 3261 §16.4 lets a proxy do so), so floods of unauthenticated requests,
     * and the first half of every REGISTER and call, leave no transaction behind. A lost
     * challenge is simply answered again when the phone retransmits.
     */
    private boolean needsTransaction(Request request) {
        String method = request.getMethod();
        if (Request.CANCEL.equals(method) || Proxy.inDialog(request)) {
            return true;
        }
        if (Request.REGISTER.equals(method)) {
            return request.getHeader(AuthorizationHeader.NAME) != null;
        }
        // A trusted peer's request (the conference bridge dialing out) is routed at once, without credentials.
        return request.getHeader(ProxyAuthorizationHeader.NAME) != null || proxy.fromTrustedPeer(request);
    }

    /** A request over UDP longer than we accept there (RFC 3261 §18.1.1), answered 513. */
    private boolean tooLargeForUdp(Request request) {
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        return "UDP".equalsIgnoreCase(via.getTransport()) && ((SIPMessage) request).getSize() > maxUdpRequestBytes;
    }

    /** A request whose Request-URI names no user but our own address is for the server itself. */
    private boolean isForUs(Request request) {
        return request.getRequestURI() instanceof SipURI uri && uri.getUser() == null && sip.isOurs(uri);
    }

    private ServerTransaction serverTransaction(RequestEvent event) throws Exception {
        ServerTransaction tx = event.getServerTransaction();
        if (tx != null) {
            return tx;
        }
        try {
            return sip.provider().getNewServerTransaction(event.getRequest());
        } catch (TransactionAlreadyExistsException e) {
            return null;
        } catch (TransactionUnavailableException e) {
            // The stack names what is wrong (e.g. "Missing a required header : Max-Forwards").
            replies.send(null, event.getRequest(), Response.BAD_REQUEST, e.getMessage());
            return null;
        }
    }

    private void answerOptions(Request request, ServerTransaction tx) throws Exception {
        Response ok = sip.messages().createResponse(Response.OK, request);
        addAllow(ok);
        ok.addHeader(sip.headers().createAcceptHeader("application", "sdp"));
        replies.send(tx, ok);
    }

    private void methodNotAllowed(Request request, ServerTransaction tx) throws Exception {
        Response r = sip.messages().createResponse(Response.METHOD_NOT_ALLOWED, request);
        addAllow(r);
        replies.send(tx, r);
    }

    private void addAllow(Response response) throws Exception {
        for (String method : ALLOWED) {
            response.addHeader(sip.headers().createAllowHeader(method));
        }
    }

    @Override
    public void processResponse(ResponseEvent event) {
        try {
            ClientTransaction ct = event.getClientTransaction();
            if (ct == null) {
                proxy.forwardStrayResponse(event.getResponse());
            } else {
                proxy.onBranchResponse(ct, event.getResponse());
            }
        } catch (RuntimeException e) {
            log.warn("Failed to process a response: {}", e.toString(), e);
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        if (!event.isServerTransaction()) {
            proxy.onBranchTimeout(event.getClientTransaction());
        }
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        log.debug("I/O error towards {}:{}/{}", event.getHost(), event.getPort(), event.getTransport());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
    }
}
