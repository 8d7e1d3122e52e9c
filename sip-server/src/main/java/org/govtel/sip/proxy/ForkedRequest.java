package org.govtel.sip.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import javax.sip.ClientTransaction;
import javax.sip.ServerTransaction;
import javax.sip.address.Hop;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.govtel.sip.directory.SipAccount;

/**
 * The response context of RFC 3261 §16.7 for one request the proxy forwarded: the server
 * transaction facing the caller and one branch per target. It picks what the caller hears:
 * provisional responses as they come, the first 2xx at once (the other branches are then
 * cancelled), or, when every branch has failed, the best final response.
 *
 * <p>Call forwarding on busy or no answer makes a request ring in <em>stages</em>: the proxy may
 * start a new stage (new branches towards the forwarding target) instead of sending a final
 * response. Responses of an earlier stage's branches then only matter if they are a 2xx.
 */
final class ForkedRequest {

    /** One outgoing copy of the request and its client transaction. */
    static final class Branch {
        final ForkedRequest owner;
        final Hop hop;
        final int stage;
        ClientTransaction tx;
        boolean provisionalSeen;
        boolean cancelWanted;
        Response finalResponse;

        Branch(ForkedRequest owner, Hop hop, int stage) {
            this.owner = owner;
            this.hop = hop;
            this.stage = stage;
        }

        boolean pending() {
            return finalResponse == null;
        }
    }

    /**
     * What the proxy must do after a branch event, decided under the lock, done outside it.
     * {@code exhausted}: every branch of the current stage failed and {@code forward} is the best
     * final response; the proxy either starts a forwarding stage or claims and sends it.
     */
    record Action(Response forward, boolean statelessForward, List<Branch> toCancel, boolean exhausted) {
        static final Action NONE = new Action(null, false, List.of(), false);
    }

    final ServerTransaction serverTx;
    final Request request;
    final String key;
    /** Our Via branch suffix for a request outside a dialog (loop detection); null inside one. */
    final String loopTag;
    private final List<Branch> branches = new ArrayList<>();
    private boolean finalSent;
    private boolean cancelled;
    private int stage;
    /** The extension the current stage rings, whose busy/no-answer forwarding applies; or null. */
    private SipAccount ringing;
    private Diversions diversions;
    ScheduledFuture<?> noAnswerTimer;

    ForkedRequest(ServerTransaction serverTx, Request request, String key, String loopTag,
                  SipAccount ringing, Diversions diversions) {
        this.serverTx = serverTx;
        this.request = request;
        this.key = key;
        this.loopTag = loopTag;
        this.ringing = ringing;
        this.diversions = diversions;
    }

    synchronized Branch addBranch(Hop hop) {
        Branch b = new Branch(this, hop, stage);
        branches.add(b);
        return b;
    }

    synchronized int stage() {
        return stage;
    }

    synchronized SipAccount ringing() {
        return ringing;
    }

    synchronized Diversions diversions() {
        return diversions;
    }

    /**
     * Moves the call on to a forwarding target, if it is still at {@code fromStage} and neither
     * answered nor cancelled. Returns the branches of the earlier stage to cancel, or null when
     * the call has moved on (another event won the race).
     */
    synchronized List<Branch> beginForwardStage(int fromStage, SipAccount nextRinging, Diversions nextDiversions) {
        if (finalSent || cancelled || stage != fromStage) {
            return null;
        }
        stopTimer();
        List<Branch> cancel = pendingBranchesToCancel();
        stage++;
        ringing = nextRinging;
        diversions = nextDiversions;
        return cancel;
    }

    synchronized boolean isInvite() {
        return Request.INVITE.equals(request.getMethod());
    }

    /** A response arrived on a branch; our Via has already been removed from it. */
    synchronized Action onResponse(Branch branch, Response response) {
        int status = response.getStatusCode();
        if (status < 200) {
            branch.provisionalSeen = true;
            List<Branch> cancelNow = branch.cancelWanted ? List.of(branch) : List.of();
            // RFC 3261 §16.7 step 5: provisional responses other than 100 are forwarded at once.
            boolean forward = status > 100 && !finalSent && branch.stage == stage;
            return new Action(forward ? response : null, false, cancelNow, false);
        }
        if (status < 300) {
            boolean first = !finalSent;
            branch.finalResponse = response;
            finalSent = true;
            stopTimer();
            // A 2xx to INVITE is forwarded even after another 2xx: each is a separate dialog.
            return new Action(response, !first, first ? pendingBranchesToCancel() : List.of(), false);
        }
        if (branch.finalResponse != null) {
            return Action.NONE;
        }
        branch.finalResponse = response;
        if (finalSent || branch.stage != stage) {
            return Action.NONE;
        }
        List<Branch> cancel = List.of();
        if (status >= 600) {
            // §16.7 step 5: a 6xx ends the search; the other branches are cancelled.
            cancel = pendingBranchesToCancel();
        }
        for (Branch b : branches) {
            if (b.stage == stage && b.pending()) {
                return new Action(null, false, cancel, false);
            }
        }
        return new Action(bestFinalResponse(), false, cancel, true);
    }

    /** The caller cancelled or nobody answered in time: end every branch. */
    synchronized List<Branch> cancelAll() {
        cancelled = true;
        stopTimer();
        return pendingBranchesToCancel();
    }

    /** Marks the caller's side as answered by the proxy itself; false if it already was. */
    synchronized boolean claimFinal() {
        if (finalSent) {
            return false;
        }
        finalSent = true;
        stopTimer();
        return true;
    }

    synchronized boolean isCancelled() {
        return cancelled;
    }

    private List<Branch> pendingBranchesToCancel() {
        List<Branch> out = new ArrayList<>();
        for (Branch b : branches) {
            if (b.pending() && b.tx != null) {
                if (b.provisionalSeen) {
                    out.add(b);
                } else {
                    // RFC 3261 §9.1: no CANCEL before a provisional response; send it when one comes.
                    b.cancelWanted = true;
                }
            }
        }
        return out;
    }

    /** §16.7 step 6: a 6xx if any, else the lowest class, timeouts last. */
    private Response bestFinalResponse() {
        Response best = null;
        for (Branch b : branches) {
            Response r = b.stage == stage ? b.finalResponse : null;
            if (r != null && (best == null || rank(r.getStatusCode()) < rank(best.getStatusCode()))) {
                best = r;
            }
        }
        return best;
    }

    private static int rank(int status) {
        if (status >= 600) {
            return 0;
        }
        if (status == Response.REQUEST_TIMEOUT) {
            return 5;
        }
        if (status == Response.BUSY_HERE) {
            return 1;
        }
        if (status >= 300 && status < 400) {
            return 2;
        }
        return status < 500 ? 3 : 4;
    }

    private void stopTimer() {
        if (noAnswerTimer != null) {
            noAnswerTimer.cancel(false);
        }
    }

    static String keyOf(Request request) {
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        javax.sip.header.CallIdHeader callId = (javax.sip.header.CallIdHeader) request.getHeader(javax.sip.header.CallIdHeader.NAME);
        return callId.getCallId() + "|" + via.getBranch();
    }
}
