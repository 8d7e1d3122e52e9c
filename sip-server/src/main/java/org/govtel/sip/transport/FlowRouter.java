package org.govtel.sip.transport;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.DefaultRouter;
import javax.sip.SipException;
import javax.sip.SipStack;
import javax.sip.address.Hop;
import javax.sip.message.Request;

/**
 * Sends a request to the flow the proxy chose for it (a registered phone's source address and
 * transport, RFC 3261 §10.3 / RFC 3581) instead of resolving its Request-URI, which behind NAT or
 * over a phone-opened TCP/TLS connection would not reach the phone. Requests without a chosen
 * flow are routed by the stack's default rules (Route header, then Request-URI).
 */
public final class FlowRouter extends DefaultRouter {

    public FlowRouter(SipStack stack, String outboundProxy) {
        super(stack, outboundProxy);
    }

    @Override
    public Hop getNextHop(Request request) throws SipException {
        if (request instanceof SIPRequest sip && sip.getApplicationData() instanceof Hop hop) {
            return hop;
        }
        return super.getNextHop(request);
    }

    /** Marks a request so that it is sent to {@code hop}. */
    public static void sendVia(Request request, Hop hop) {
        ((SIPRequest) request).setApplicationData(hop);
    }
}
