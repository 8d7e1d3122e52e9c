package org.govtel.sip.transport;

import static gov.nist.javax.sip.SIPConstants.BRANCH_MAGIC_COOKIE_LOWER_CASE;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPMessageValve;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javax.sip.SipStack;
import javax.sip.message.Response;

/**
 * Hands a response that matches no client transaction straight to its handler (the proxy's
 * stateless forwarding, RFC 3261 §16.11), before the JAIN SIP stack looks for it.
 *
 * <p>The stack, when the branch finds no transaction, compares the response with every client
 * transaction it holds, one by one. A proxy sees such responses all the time: the callee's
 * retransmitted 200 OK after the INVITE transaction ended on the first one (§17.1.1.2), a 180
 * overtaken by the 200. With thousands of calls in progress that scan took a third of the SIP
 * threads' time. A branch with the RFC 3261 magic cookie identifies its transaction exactly
 * (§17.1.3), so a miss in the table is final; only old-style branches are left to the stack.
 *
 * <p>The stack instantiates valves by name, so each stack's handler is registered under its name.
 */
public final class StrayResponseValve implements SIPMessageValve {

    private static final Map<String, Consumer<Response>> HANDLERS = new ConcurrentHashMap<>();

    private SIPTransactionStack stack;
    private String stackName;

    public static void register(String stackName, Consumer<Response> handler) {
        HANDLERS.put(stackName, handler);
    }

    public static void unregister(String stackName) {
        HANDLERS.remove(stackName);
    }

    @Override
    public void init(SipStack sipStack) {
        this.stack = (SIPTransactionStack) sipStack;
        this.stackName = sipStack.getStackName();
    }

    @Override
    public boolean processRequest(SIPRequest request, MessageChannel channel) {
        return true;
    }

    /** Returns false (the stack drops the response) when it was handed to the handler here. */
    @Override
    public boolean processResponse(Response response, MessageChannel channel) {
        Consumer<Response> handler = HANDLERS.get(stackName);
        if (handler == null || !(response instanceof SIPResponse sipResponse) || sipResponse.getTopmostVia() == null) {
            return true;
        }
        String transactionId = sipResponse.getTransactionId();
        // the stack lower-cases a magic-cookie branch to make its transaction id
        if (!transactionId.startsWith(BRANCH_MAGIC_COOKIE_LOWER_CASE)
                || stack.findTransaction(transactionId, false) != null) {
            return true;
        }
        handler.accept(response);
        return false;
    }

    @Override
    public void destroy() {
    }
}
