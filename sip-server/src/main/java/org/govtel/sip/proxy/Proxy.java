package org.govtel.sip.proxy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sip.ClientTransaction;
import javax.sip.ServerTransaction;
import javax.sip.address.Hop;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ProxyAuthorizationHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.govtel.sip.SipEndpoint;
import org.govtel.sip.SipReplies;
import org.govtel.sip.auth.DigestAuthenticator;
import org.govtel.sip.dialplan.DialPlan;
import org.govtel.sip.directory.CallForwarding;
import org.govtel.sip.directory.Directory;
import org.govtel.sip.directory.SipAccount;
import org.govtel.sip.registrar.Binding;
import org.govtel.sip.registrar.LocationService;
import org.govtel.sip.transport.FlowRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stateful proxy of RFC 3261 §16: authenticates callers, routes by the dial plan, forks to
 * every registered contact of the callee, record-routes so the dialog's later requests pass
 * through, and relays responses through a {@link ForkedRequest} per forwarded request.
 */
public final class Proxy {

    private static final Logger log = LoggerFactory.getLogger(Proxy.class);
    private static final int DEFAULT_MAX_FORWARDS = 70;
    private static final String DIVERSION = "Diversion";

    private final SipEndpoint sip;
    private final SipReplies replies;
    private final LocationService location;
    private final DialPlan dialPlan;
    private final Directory directory;
    private final DigestAuthenticator auth;
    private final ScheduledExecutorService timers;
    private final Duration noAnswerTimeout;
    private final TrustedPeers trustedPeers;
    /** Forwarded INVITEs still waiting for a final response, by Call-ID and branch (for CANCEL). */
    private final Map<String, ForkedRequest> pendingInvites = new ConcurrentHashMap<>();

    public Proxy(SipEndpoint sip, SipReplies replies, LocationService location, DialPlan dialPlan,
                 Directory directory, DigestAuthenticator auth, ScheduledExecutorService timers,
                 Duration noAnswerTimeout, TrustedPeers trustedPeers) {
        this.sip = sip;
        this.replies = replies;
        this.location = location;
        this.dialPlan = dialPlan;
        this.directory = directory;
        this.auth = auth;
        this.timers = timers;
        this.noAnswerTimeout = noAnswerTimeout;
        this.trustedPeers = trustedPeers;
    }

    // ---------------------------------------------------------------- requests

    /**
     * Removes the Route entries that name us (one, or two after double record-routing) and
     * returns how many there were.
     */
    public int consumeOwnRoutes(Request request) {
        int removed = 0;
        while (removed < 2) {
            RouteHeader top = (RouteHeader) request.getHeader(RouteHeader.NAME);
            if (top == null || !sip.isOurs(top.getAddress().getURI())) {
                break;
            }
            request.removeFirst(RouteHeader.NAME);
            removed++;
        }
        return removed;
    }

    /** A request outside any dialog from one of our extensions: authenticate, route, fork. */
    public void routeInitial(Request request, ServerTransaction tx) throws Exception {
        String loopTag = loopTag(request);
        if (!checkMaxForwards(request, tx) || detectLoop(request, tx, loopTag)) {
            return;
        }
        if (fromTrustedPeer(request)) {
            // Our own bridge dialing out: no credentials to check, and no site for short numbers.
            String dialed = userOf(request.getRequestURI());
            Plan plan = plan(dialPlan.resolve(dialed, null), Diversions.NONE);
            if (plan.failed()) {
                replies.send(tx, request, plan.failStatus(), plan.failReason());
                return;
            }
            fork(request, tx, plan, loopTag);
            return;
        }
        FromHeader from = (FromHeader) request.getHeader(FromHeader.NAME);
        String callerNumber = userOf(from.getAddress().getURI());
        Optional<SipAccount> caller = callerNumber == null ? Optional.empty() : directory.findExtension(callerNumber);
        if (caller.isEmpty()) {
            replies.send(tx, request, Response.FORBIDDEN, "Caller is not an extension of this network");
            return;
        }
        if (!caller.get().enabled()) {
            replies.send(tx, request, Response.FORBIDDEN, "Extension disabled");
            return;
        }
        DigestAuthenticator.Result result = auth.verify(request, DigestAuthenticator.Mode.PROXY, caller.get());
        if (result instanceof DigestAuthenticator.Result.Challenge c) {
            replies.challenge(tx, request, DigestAuthenticator.Mode.PROXY, c.stale());
            return;
        }
        if (result instanceof DigestAuthenticator.Result.Rejected r) {
            log.info("{} from {} refused: {}", request.getMethod(), callerNumber, r.reason());
            replies.send(tx, request, Response.FORBIDDEN, r.reason());
            return;
        }

        String dialed = userOf(request.getRequestURI());
        Plan plan = plan(dialPlan.resolve(dialed, caller.get().siteCode()), Diversions.NONE);
        if (plan.failed()) {
            replies.send(tx, request, plan.failStatus(), plan.failReason());
            return;
        }
        fork(request, tx, plan, loopTag);
    }

    /** Whether the request's packet came from one of our own components ({@link TrustedPeers}). */
    public boolean fromTrustedPeer(Request request) {
        return request instanceof gov.nist.javax.sip.message.SIPRequest r
                && trustedPeers.isTrusted(r.getRemoteAddress(), r.getRemotePort());
    }

    // ---------------------------------------------------------------- routing and forwarding

    /**
     * Where a request rings: the contacts of an extension (after its unconditional forwarding,
     * or its no-answer forwarding when no phone is online), or a service's target. A plan with
     * no targets carries the response the caller gets instead.
     */
    private record Plan(List<Target> targets, SipAccount ringing, Diversions diversions,
                        int failStatus, String failReason) {
        static Plan fail(int status, String reason) {
            return new Plan(List.of(), null, Diversions.NONE, status, reason);
        }

        boolean failed() {
            return targets.isEmpty();
        }
    }

    private Plan plan(DialPlan.Destination destination, Diversions diversions) throws Exception {
        if (destination instanceof DialPlan.Destination.Extension e) {
            return planExtension(e.account(), diversions);
        }
        if (destination instanceof DialPlan.Destination.Service s) {
            String target = s.service().targetUri();
            if (!target.chars().allMatch(Character::isDigit)) {
                return new Plan(List.of(new Target(sip.addresses().createURI(target), null)), null, diversions, 0, null);
            }
            Optional<SipAccount> served = directory.findExtension(target);
            if (served.isEmpty()) {
                return Plan.fail(Response.TEMPORARILY_UNAVAILABLE, s.service().name() + " unavailable");
            }
            return planExtension(served.get(), diversions);
        }
        return Plan.fail(Response.NOT_FOUND, "No such number");
    }

    private Plan planExtension(SipAccount callee, Diversions diversions) throws Exception {
        if (!callee.enabled()) {
            return Plan.fail(Response.TEMPORARILY_UNAVAILABLE, "Extension disabled");
        }
        Plan forwarded = divert(callee, CallForwarding.Reason.UNCONDITIONAL, diversions);
        if (forwarded != null) {
            return forwarded;
        }
        List<Binding> bindings = location.lookup(callee.number());
        if (bindings.isEmpty()) {
            Plan unavailable = divert(callee, CallForwarding.Reason.UNAVAILABLE, diversions);
            return unavailable != null ? unavailable
                    : Plan.fail(Response.TEMPORARILY_UNAVAILABLE, "Extension not registered");
        }
        List<Target> targets = new ArrayList<>(bindings.size());
        for (Binding b : bindings) {
            targets.add(new Target(sip.addresses().createURI(b.contactUri()),
                    SipEndpoint.hop(b.receivedHost(), b.receivedPort(), b.transport())));
        }
        return new Plan(targets, callee, diversions, 0, null);
    }

    /**
     * The plan for {@code from}'s forwarding target for {@code reason}, resolved by the dial plan
     * as if {@code from} had dialed it; null when it has no such forwarding, the target is not a
     * number of ours, or following it would loop.
     */
    private Plan divert(SipAccount from, CallForwarding.Reason reason, Diversions diversions) throws Exception {
        String target = from.forwarding().target(reason);
        if (target == null) {
            return null;
        }
        DialPlan.Destination next = dialPlan.resolve(target, from.siteCode());
        if (next instanceof DialPlan.Destination.Unknown) {
            log.warn("Extension {} forwards ({}) to {}, which is not a number of this network", from.number(),
                    reason.diversionReason(), target);
            return null;
        }
        Diversions more = diversions.plus(from.number(), reason);
        if (more == null) {
            log.info("Not forwarding {} again ({}): forwarding loop or too many forwards", from.number(),
                    reason.diversionReason());
            return null;
        }
        return plan(next, more);
    }

    /**
     * Busy or no answer at the extension the call rings: start ringing its forwarding target
     * instead of answering the caller. False when there is nothing to forward to.
     */
    private boolean forwardStage(ForkedRequest call, int fromStage, CallForwarding.Reason reason) {
        SipAccount ringing = call.ringing();
        if (ringing == null || !call.isInvite()) {
            return false;
        }
        try {
            Plan plan = divert(ringing, reason, call.diversions());
            if (plan == null || plan.failed()) {
                return false;
            }
            List<ForkedRequest.Branch> toCancel = call.beginForwardStage(fromStage, plan.ringing(), plan.diversions());
            if (toCancel == null) {
                return false;
            }
            log.info("Call {} to {} forwarded ({})", call.key, ringing.number(), reason.diversionReason());
            toCancel.forEach(this::sendCancel);
            if (sendBranches(call, plan.targets()) == 0) {
                if (call.claimFinal()) {
                    pendingInvites.remove(call.key);
                    replies.send(call.serverTx, call.request, Response.TEMPORARILY_UNAVAILABLE, "Destination unreachable");
                }
                return true;
            }
            startNoAnswerTimer(call);
            return true;
        } catch (Exception e) {
            log.warn("Forwarding call {} failed: {}", call.key, e.toString());
            return false;
        }
    }

    /** Which forwarding a failed stage calls for (RFC 3261 §21 status meanings), or null. */
    private static CallForwarding.Reason forwardingReasonFor(int status) {
        if (status == Response.BUSY_HERE || status == Response.BUSY_EVERYWHERE || status == Response.DECLINE) {
            return CallForwarding.Reason.USER_BUSY;
        }
        if (status == Response.REQUEST_TIMEOUT || status == Response.TEMPORARILY_UNAVAILABLE) {
            return CallForwarding.Reason.NO_ANSWER;
        }
        return null;
    }

    /**
     * A request inside a dialog (To tag present), routed by its Route set or Request-URI.
     * Only dialogs we record-routed, or requests to a phone registered here, are relayed: the
     * proxy is not an open relay for anyone who puts a To tag on a request.
     */
    public void routeInDialog(Request request, ServerTransaction tx, boolean routedByUs) throws Exception {
        if (!checkMaxForwards(request, tx)) {
            return;
        }
        Hop flow = flowFor(request);
        if (!routedByUs && flow == null) {
            if (tx != null) {
                replies.send(tx, request, Response.FORBIDDEN, "Not a dialog of this proxy");
            }
            return;
        }
        Target target = new Target(request.getRequestURI(), flow);
        if (Request.ACK.equals(request.getMethod())) {
            forwardStateless(request, target, null, false);
            return;
        }
        fork(request, tx, new Plan(List.of(target), null, Diversions.NONE, 0, null), null);
    }

    /**
     * A BYE that came over UDP and goes on over UDP is relayed statelessly (RFC 3261 §16.11): the
     * caller's transaction retransmits it end to end, our Via branch is derived from the caller's
     * so each retransmission travels as the same transaction, and the 200 comes back through
     * {@link #forwardStrayResponse}. Keeping a server and a client transaction for it would hold
     * both for Timer J (32 s) after every call, for nothing a BYE needs: the call ends whatever
     * the answer. Returns false, having changed nothing, when the BYE must take the stateful
     * path (another transport on either side, or not a dialog we can route).
     */
    public boolean relayByeStatelessly(Request request, boolean routedByUs) throws Exception {
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        if (!Request.BYE.equals(request.getMethod()) || !"UDP".equalsIgnoreCase(via.getTransport())) {
            return false;
        }
        Hop flow = flowFor(request);
        if (!routedByUs && flow == null) {
            return false;
        }
        if (!checkMaxForwards(request, null)) {
            return true;
        }
        return forwardStateless(request, new Target(request.getRequestURI(), flow), statelessBranch(request), true);
    }

    private static String statelessBranch(Request request) {
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        if (via.getBranch() != null && via.getBranch().startsWith(SipEndpoint.MAGIC_COOKIE)) {
            return StatelessBranch.of(via.getBranch(), via.getHost(), via.getPort());
        }
        return StatelessBranch.of(request.getRequestURI() + "|" + ((FromHeader) request.getHeader(FromHeader.NAME)).getTag()
                + "|" + ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId() + "|"
                + ((CSeqHeader) request.getHeader(CSeqHeader.NAME)).getSeqNumber());
    }

    /** CANCEL of a forwarded INVITE (RFC 3261 §16.10): answer it and end every branch. */
    public void cancel(Request cancel, ServerTransaction tx) {
        ForkedRequest call = pendingInvites.get(ForkedRequest.keyOf(cancel));
        if (call == null) {
            replies.send(tx, cancel, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, "No such call");
            return;
        }
        replies.send(tx, cancel, Response.OK, null);
        pendingInvites.remove(call.key);
        List<ForkedRequest.Branch> toCancel = call.cancelAll();
        if (call.claimFinal()) {
            replies.send(call.serverTx, call.request, Response.REQUEST_TERMINATED, "Cancelled by caller");
        }
        toCancel.forEach(this::sendCancel);
    }

    /**
     * ACK for a 2xx, and a BYE between UDP phones: add our Via ({@code branch}, or a random one)
     * and send on, keeping no state. With {@code udpOnly}, a next hop over another transport
     * returns false and nothing is sent.
     */
    private boolean forwardStateless(Request request, Target target, String branch, boolean udpOnly) throws Exception {
        Request out = (Request) request.clone();
        out.setRequestURI(target.uri);
        decrementMaxForwards(out);
        Hop hop = target.hop != null ? target.hop : sip.provider().getSipStack().getRouter().getNextHop(out);
        if (hop == null) {
            return !udpOnly;
        }
        if (udpOnly && !"UDP".equalsIgnoreCase(hop.getTransport())) {
            return false;
        }
        ViaHeader via = sip.newVia(hop.getTransport(), null);
        if (branch != null) {
            via.setBranch(branch);
        }
        out.addFirst(via);
        FlowRouter.sendVia(out, hop);
        sip.provider().sendRequest(out);
        return true;
    }

    /**
     * Forwards the request to every target of the plan. {@code loopTag} is set for requests
     * outside a dialog (they are record-routed and carry it in our Via branch) and null inside one.
     */
    private void fork(Request request, ServerTransaction tx, Plan plan, String loopTag) throws Exception {
        ForkedRequest call = new ForkedRequest(tx, request, ForkedRequest.keyOf(request), loopTag,
                plan.ringing(), plan.diversions());
        boolean invite = Request.INVITE.equals(request.getMethod());
        if (invite) {
            replies.send(tx, request, Response.TRYING, null);
            pendingInvites.put(call.key, call);
        }
        if (sendBranches(call, plan.targets()) == 0) {
            pendingInvites.remove(call.key);
            if (call.claimFinal()) {
                replies.send(tx, request, Response.TEMPORARILY_UNAVAILABLE, "Destination unreachable");
            }
            return;
        }
        if (invite && loopTag != null) {
            // Only a new call rings; a re-INVITE (hold, codec change) is answered by the phone itself.
            startNoAnswerTimer(call);
        }
    }

    private void startNoAnswerTimer(ForkedRequest call) {
        int stage = call.stage();
        call.noAnswerTimer = timers.schedule(() -> noAnswer(call, stage), noAnswerTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Sends one copy of the call's request to each target, as branches of its current stage. */
    private int sendBranches(ForkedRequest call, List<Target> targets) throws Exception {
        Request request = call.request;
        boolean initial = call.loopTag != null;
        String inboundTransport = ((ViaHeader) request.getHeader(ViaHeader.NAME)).getTransport();
        List<Diversions.Forward> forwards = call.diversions().forwards();
        int sent = 0;
        for (Target target : targets) {
            Request out = (Request) request.clone();
            out.setRequestURI(target.uri);
            removeOurCredentials(out);
            decrementMaxForwards(out);
            for (int i = 0; i < forwards.size(); i++) {
                // RFC 5806 §3: the most recent diversion on top, counters from one.
                out.addFirst(sip.headers().createHeader(DIVERSION,
                        Diversions.headerValue(forwards.get(i), sip.host(), i + 1)));
            }
            Hop hop = target.hop != null ? target.hop : sip.provider().getSipStack().getRouter().getNextHop(out);
            if (hop == null) {
                continue;
            }
            if (initial && createsDialog(request.getMethod())) {
                // Double Record-Route when the two sides use different transports (RFC 5658).
                if (!hop.getTransport().equalsIgnoreCase(inboundTransport)) {
                    out.addFirst(sip.recordRoute(inboundTransport));
                }
                out.addFirst(sip.recordRoute(hop.getTransport()));
            }
            out.addFirst(sip.newVia(hop.getTransport(), call.loopTag));
            FlowRouter.sendVia(out, hop);
            ForkedRequest.Branch branch = call.addBranch(hop);
            if (send(out, branch) || retryAtContact(out, target, branch, call)) {
                sent++;
            } else {
                branch.finalResponse = sip.messages().createResponse(Response.SERVICE_UNAVAILABLE, out);
            }
        }
        return sent;
    }

    private boolean send(Request out, ForkedRequest.Branch branch) {
        try {
            ClientTransaction ct = sip.provider().getNewClientTransaction(out);
            ct.setApplicationData(branch);
            branch.tx = ct;
            ct.sendRequest();
            return true;
        } catch (Exception e) {
            log.info("Cannot reach {} via {}: {}", out.getRequestURI(), branch.hop, e.toString());
            return false;
        }
    }

    /**
     * The connection a TCP/TLS phone registered over is gone (the phone restarted, a NAT box
     * dropped it): try the address in its Contact, where a phone that is not behind NAT listens.
     */
    private boolean retryAtContact(Request out, Target target, ForkedRequest.Branch failed, ForkedRequest call)
            throws Exception {
        if (target.hop == null || "UDP".equalsIgnoreCase(target.hop.getTransport())) {
            return false;
        }
        Request retry = (Request) out.clone();
        FlowRouter.sendVia(retry, null);
        Hop direct = sip.provider().getSipStack().getRouter().getNextHop(retry);
        if (direct == null || (direct.getHost().equals(target.hop.getHost()) && direct.getPort() == target.hop.getPort())) {
            return false;
        }
        failed.finalResponse = sip.messages().createResponse(Response.SERVICE_UNAVAILABLE, out);
        retry.removeFirst(ViaHeader.NAME);
        retry.addFirst(sip.newVia(direct.getTransport(), null));
        FlowRouter.sendVia(retry, direct);
        return send(retry, call.addBranch(direct));
    }

    private void noAnswer(ForkedRequest call, int stage) {
        if (call.stage() != stage) {
            return; // the timer of a stage the call has already left
        }
        if (forwardStage(call, stage, CallForwarding.Reason.NO_ANSWER)) {
            return;
        }
        List<ForkedRequest.Branch> toCancel = call.cancelAll();
        if (call.claimFinal()) {
            pendingInvites.remove(call.key);
            replies.send(call.serverTx, call.request, Response.TEMPORARILY_UNAVAILABLE, "No answer");
        }
        toCancel.forEach(this::sendCancel);
    }

    // ---------------------------------------------------------------- responses

    /** A response on one of our branches. */
    public void onBranchResponse(ClientTransaction ct, Response response) {
        if (!(ct.getApplicationData() instanceof ForkedRequest.Branch branch)) {
            return; // e.g. the 200 to a CANCEL we sent
        }
        response.removeFirst(ViaHeader.NAME);
        ForkedRequest call = branch.owner;
        ForkedRequest.Action action;
        // Decided and relayed under the call's lock: with several worker threads a 180 decided
        // before the 200 could otherwise be sent after it (RFC 3261 §16.7: no 1xx after a final).
        synchronized (call) {
            action = call.onResponse(branch, response);
            if (!action.exhausted() && action.forward() != null) {
                if (action.forward().getStatusCode() >= 200) {
                    pendingInvites.remove(call.key);
                }
                if (action.statelessForward()) {
                    replies.send(null, action.forward());
                } else {
                    relay(call.serverTx, action.forward());
                }
            }
        }
        action.toCancel().forEach(this::sendCancel);
        if (action.exhausted()) {
            finishStage(call, branch.stage, action.forward());
        }
    }

    /** Every branch of a stage failed: forward on busy / no answer, or give the caller the best failure. */
    private void finishStage(ForkedRequest call, int stage, Response best) {
        CallForwarding.Reason reason = forwardingReasonFor(best.getStatusCode());
        if (reason != null && forwardStage(call, stage, reason)) {
            return;
        }
        if (call.claimFinal()) {
            pendingInvites.remove(call.key);
            relay(call.serverTx, best);
        }
    }

    /** A branch got no response at all (RFC 3261 §17.1 timer B/F): it counts as 408. */
    public void onBranchTimeout(ClientTransaction ct) {
        if (!(ct.getApplicationData() instanceof ForkedRequest.Branch branch)) {
            return;
        }
        try {
            Response timeout = sip.messages().createResponse(Response.REQUEST_TIMEOUT, branch.owner.request);
            ForkedRequest.Action action = branch.owner.onResponse(branch, timeout);
            action.toCancel().forEach(this::sendCancel);
            if (action.exhausted()) {
                finishStage(branch.owner, branch.stage, action.forward());
            }
        } catch (Exception e) {
            log.debug("Timeout handling failed: {}", e.toString());
        }
    }

    /** A 2xx retransmission or a response whose transaction is gone: forward it by its Via. */
    public void forwardStrayResponse(Response response) {
        ViaHeader top = (ViaHeader) response.getHeader(ViaHeader.NAME);
        if (top == null || !sip.isOurVia(top)) {
            return;
        }
        response.removeFirst(ViaHeader.NAME);
        if (response.getHeader(ViaHeader.NAME) != null) {
            replies.send(null, response);
        }
    }

    private void relay(ServerTransaction tx, Response response) {
        try {
            tx.sendResponse(response);
        } catch (Exception e) {
            log.debug("Could not relay {}: {}", response.getStatusCode(), e.toString());
        }
    }

    private void sendCancel(ForkedRequest.Branch branch) {
        try {
            Request cancel = branch.tx.createCancel();
            FlowRouter.sendVia(cancel, branch.hop);
            ClientTransaction ct = sip.provider().getNewClientTransaction(cancel);
            ct.sendRequest();
        } catch (Exception e) {
            log.debug("Could not cancel a branch: {}", e.toString());
        }
    }

    // ---------------------------------------------------------------- helpers

    private record Target(URI uri, Hop hop) { }

    /** For an in-dialog request to a registered contact, the flow that contact registered from. */
    private Hop flowFor(Request request) {
        if (request.getHeader(RouteHeader.NAME) != null) {
            return null;
        }
        return location.findByContact(request.getRequestURI().toString())
                .map(b -> SipEndpoint.hop(b.receivedHost(), b.receivedPort(), b.transport()))
                .orElse(null);
    }

    private boolean checkMaxForwards(Request request, ServerTransaction tx) {
        MaxForwardsHeader mf = (MaxForwardsHeader) request.getHeader(MaxForwardsHeader.NAME);
        if (mf != null && mf.getMaxForwards() <= 0) {
            if (!Request.ACK.equals(request.getMethod())) {
                replies.send(tx, request, Response.TOO_MANY_HOPS, "Too many hops");
            }
            return false;
        }
        return true;
    }

    private void decrementMaxForwards(Request out) throws Exception {
        MaxForwardsHeader mf = (MaxForwardsHeader) out.getHeader(MaxForwardsHeader.NAME);
        if (mf == null) {
            out.setHeader(sip.headers().createMaxForwardsHeader(DEFAULT_MAX_FORWARDS));
        } else {
            mf.decrementMaxForwards();
        }
    }

    /**
     * RFC 3261 §16.3 item 4: a request that already passed through us with the same Request-URI,
     * From tag, Call-ID and CSeq is looping (a spiral changes the Request-URI and is fine).
     */
    private boolean detectLoop(Request request, ServerTransaction tx, String loopTag) {
        String tag = "." + loopTag;
        for (ListIterator<?> it = request.getHeaders(ViaHeader.NAME); it.hasNext(); ) {
            ViaHeader via = (ViaHeader) it.next();
            if (sip.isOurVia(via) && via.getBranch() != null && via.getBranch().endsWith(tag)) {
                replies.send(tx, request, Response.LOOP_DETECTED, "Loop detected");
                return true;
            }
        }
        return false;
    }

    private static String loopTag(Request request) {
        FromHeader from = (FromHeader) request.getHeader(FromHeader.NAME);
        String basis = request.getRequestURI() + "|" + from.getTag() + "|"
                + ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId() + "|"
                + ((CSeqHeader) request.getHeader(CSeqHeader.NAME)).getSeqNumber();
        int h = basis.hashCode();
        return HexFormat.of().toHexDigits(h);
    }

    /** Credentials for our realm were for us; they are not passed on. */
    private void removeOurCredentials(Request out) {
        List<ProxyAuthorizationHeader> keep = new ArrayList<>();
        for (ListIterator<?> it = out.getHeaders(ProxyAuthorizationHeader.NAME); it.hasNext(); ) {
            ProxyAuthorizationHeader h = (ProxyAuthorizationHeader) it.next();
            if (!auth.realm().equals(h.getRealm())) {
                keep.add(h);
            }
        }
        out.removeHeader(ProxyAuthorizationHeader.NAME);
        keep.forEach(out::addHeader);
    }

    private static boolean createsDialog(String method) {
        return Request.INVITE.equals(method) || Request.SUBSCRIBE.equals(method) || Request.REFER.equals(method);
    }

    private static String userOf(URI uri) {
        if (uri instanceof SipURI sip) {
            return sip.getUser();
        }
        if (uri != null && !uri.isSipURI() && "tel".equalsIgnoreCase(uri.getScheme())) {
            return ((javax.sip.address.TelURL) uri).getPhoneNumber();
        }
        return null;
    }

    /** Whether the request has a To tag, i.e. belongs to a dialog. */
    public static boolean inDialog(Request request) {
        ToHeader to = (ToHeader) request.getHeader(ToHeader.NAME);
        return to != null && to.getTag() != null;
    }

    public int pendingInviteCount() {
        return pendingInvites.size();
    }
}
