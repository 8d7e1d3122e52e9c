package org.govtel.conference.bridge;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogState;
import javax.sip.ServerTransaction;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.Header;
import javax.sip.header.SupportedHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.govtel.conference.meeting.Invitee;
import org.govtel.conference.meeting.Meeting;
import org.govtel.conference.meeting.Participant;
import org.govtel.conference.prompt.Prompts;
import org.govtel.conference.room.Room;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One phone's call to the bridge, from the INVITE to the BYE:
 * <pre>
 *   INVITE → 200 (SDP answer) → ACK → "enter the PIN" → digits … # → joined (or wrong PIN, again;
 *   three wrong → "goodbye", BYE) → in the meeting: keypad controls → BYE either way
 * </pre>
 * Digits come as RFC 4733 events from the audio leg or as SIP INFO from older phones. It is the
 * meeting's {@link Participant.Connection} for this caller. Events arrive on SIP, RTP and timer
 * threads; every state change happens under this object's lock.
 */
final class BridgeCall implements Participant.Connection {

    private static final Logger log = LoggerFactory.getLogger(BridgeCall.class);
    private static final Pattern DTMF_RELAY = Pattern.compile("(?im)^\\s*signal\\s*=\\s*([0-9*#a-d])");
    private static final Pattern SESSION_EXPIRES = Pattern.compile("^\\s*(\\d+)");

    /** Who called: number and display name from the From header. */
    record Caller(String number, String displayName) { }

    enum State { DIALING, ANSWERING, PIN, IN_MEETING, LEAVING, ENDED }

    private final BridgeUserAgent ua;
    private final Room room;
    private Dialog dialog; // set once: at once for a dial-in, after the INVITE is built for a dial-out
    private final Caller caller;
    private final String id = UUID.randomUUID().toString();
    private final KeypadCommand.Reader keypad = new KeypadCommand.Reader();
    // Volatile: read without the lock by the Participant.Connection methods (see there).
    private volatile State state = State.ANSWERING;
    private volatile CallAudio audio;
    private PinEntry pin;
    private ScheduledFuture<?> pinTimer;
    private ScheduledFuture<?> sessionTimer;
    private long sessionExpiresSecs;
    private long lastRefreshMillis;
    private Meeting meeting;
    private Participant participant;
    /** Set for a call the bridge placed (dial-out); null for a phone that dialed in. */
    private final BridgeUserAgent.DialOutListener dialOut;

    /** A phone dialing in. */
    BridgeCall(BridgeUserAgent ua, Room room, Dialog dialog, Caller caller) {
        this.ua = ua;
        this.room = room;
        this.dialog = dialog;
        this.caller = caller;
        this.dialOut = null;
    }

    /** The bridge calling a phone: {@link #openOffer} then {@link #attach} the INVITE's dialog. */
    BridgeCall(BridgeUserAgent ua, Room room, Caller caller, BridgeUserAgent.DialOutListener dialOut) {
        this.ua = ua;
        this.room = room;
        this.caller = caller;
        this.dialOut = dialOut;
        this.state = State.DIALING;
    }

    /** Dial-out: opens the audio and returns it; its SDP offer goes into the INVITE. */
    synchronized CallAudio openOffer() {
        audio = ua.media().openOffer(mediaEvents());
        return audio;
    }

    synchronized void attach(Dialog inviteDialog) {
        this.dialog = inviteDialog;
    }

    String id() {
        return id;
    }

    synchronized State state() {
        return state;
    }

    // ------------------------------------------------------------------ SIP events

    synchronized void onInvite(ServerTransaction tx, Request invite) {
        String offer = body(invite);
        if (offer.isBlank()) {
            // Every desk phone we serve offers in the INVITE; a late offer (RFC 3261 §13.2.1) is refused.
            end(tx, invite, Response.NOT_ACCEPTABLE_HERE, "SDP offer required");
            return;
        }
        try {
            audio = ua.media().open(offer, mediaEvents());
        } catch (BridgeMedia.NoCommonMediaException e) {
            log.info("Call from {} to room {} refused: {}", caller.number(), room.number(), e.getMessage());
            end(tx, invite, Response.NOT_ACCEPTABLE_HERE, "No common codec");
            return;
        } catch (RuntimeException e) {
            log.warn("Cannot open audio for a call to room {}: {}", room.number(), e.toString());
            end(tx, invite, Response.SERVICE_UNAVAILABLE, "No media resources");
            return;
        }
        try {
            tx.sendResponse(ua.answer(invite, audio.localSdp(), sessionTimerHeaders(invite)));
            log.info("Call {} from {} answered for room {}", id, caller.number(), room.number());
        } catch (Exception e) {
            log.info("Could not answer a call to room {}: {}", room.number(), e.toString());
            cleanUp();
        }
    }

    synchronized void onAck(Request ack) {
        if (state != State.ANSWERING) {
            return;
        }
        state = State.PIN;
        pin = new PinEntry(room);
        audio.start();
        askForPin("enter-pin");
    }

    synchronized void onReInvite(ServerTransaction tx, Request invite) {
        onRefresh();
        String offer = body(invite);
        try {
            String answer = offer.isBlank() || audio == null ? (audio == null ? null : audio.localSdp()) : audio.update(offer);
            if (answer == null) {
                Response r = ua.response(Response.NOT_ACCEPTABLE_HERE, invite);
                tx.sendResponse(r);
                return;
            }
            tx.sendResponse(ua.answer(invite, answer, sessionTimerHeaders(invite)));
        } catch (Exception e) {
            log.debug("re-INVITE not answered: {}", e.toString());
        }
    }

    synchronized void onInfo(Request info) {
        // Old phones send keypad digits as SIP INFO (application/dtmf-relay "Signal=5", or application/dtmf "5").
        ContentTypeHeader type = (ContentTypeHeader) info.getHeader(ContentTypeHeader.NAME);
        String text = body(info);
        if (type == null || text.isBlank()) {
            return;
        }
        String subtype = BridgeUserAgent.lower(type.getContentSubType());
        Character digit = null;
        if (subtype.equals("dtmf-relay")) {
            Matcher m = DTMF_RELAY.matcher(text);
            if (m.find()) {
                digit = Character.toUpperCase(m.group(1).charAt(0));
            }
        } else if (subtype.equals("dtmf")) {
            String t = text.trim();
            if (t.length() == 1) {
                digit = t.charAt(0);
            } else if (t.equals("10")) {
                digit = '*';
            } else if (t.equals("11")) {
                digit = '#';
            }
        }
        if (digit != null) {
            onDigit(digit);
        }
    }

    synchronized void onRefresh() {
        lastRefreshMillis = ua.clock().millis();
    }

    synchronized void onBye() {
        log.info("Call {} from {} left room {}", id, caller.number(), room.number());
        cleanUp();
    }

    synchronized void onDialogGone() {
        cleanUp();
    }

    /** Responses to our INVITE (dial-out) or BYE. */
    synchronized void onResponse(Response response, ClientTransaction ct) {
        if (!Request.INVITE.equals(ct.getRequest().getMethod())) {
            return; // BYE answered: the dialog ends with it
        }
        int status = response.getStatusCode();
        if (status == Response.TRYING) {
            return;
        }
        if (status < 200) {
            if (state == State.DIALING) {
                dialOut.onState(caller.number(), Invitee.State.RINGING, 0);
            }
            return;
        }
        if (status >= 300) {
            if (state == State.DIALING) {
                log.info("Room {} dialing {}: {}", room.number(), caller.number(), status);
                state = State.ENDED;
                audio.close();
                ua.forget(this);
                dialOut.onState(caller.number(), Invitee.State.FAILED, status);
            }
            return;
        }
        try {
            long cseq = ((javax.sip.header.CSeqHeader) response.getHeader(javax.sip.header.CSeqHeader.NAME)).getSeqNumber();
            dialog.sendAck(dialog.createAck(cseq));
        } catch (Exception e) {
            log.debug("ACK for the dial-out to {} failed: {}", caller.number(), e.toString());
        }
        if (state != State.DIALING) {
            return; // a retransmitted 2xx: ACKed again above
        }
        if (!audio.acceptAnswer(body(response))) {
            log.info("Room {} dialing {}: unusable SDP answer", room.number(), caller.number());
            dialOut.onState(caller.number(), Invitee.State.FAILED, Response.NOT_ACCEPTABLE_HERE);
            state = State.IN_MEETING; // so that hangUp sends the BYE
            hangUp(null);
            return;
        }
        audio.start();
        join(Participant.Role.PARTICIPANT);
        if (state == State.IN_MEETING) {
            dialOut.onState(caller.number(), Invitee.State.JOINED, 0);
        }
    }

    synchronized void onRequestTimeout(ClientTransaction ct) {
        if (state == State.DIALING) {
            state = State.ENDED;
            audio.close();
            ua.forget(this);
            dialOut.onState(caller.number(), Invitee.State.FAILED, Response.REQUEST_TIMEOUT);
            return;
        }
        cleanUp();
    }

    /** The audio's events for this call: digits, and a phone gone silent (vanished without BYE). */
    BridgeMedia.Events mediaEvents() {
        return new BridgeMedia.Events() {
            @Override
            public void onDigit(char digit) {
                BridgeCall.this.onDigit(digit);
            }

            @Override
            public void onMediaTimeout() {
                log.info("Call {} from {}: no RTP for the media timeout, hanging up", id, caller.number());
                hangUp(null);
            }
        };
    }

    // ------------------------------------------------------------------ digits

    synchronized void onDigit(char digit) {
        if (state == State.PIN) {
            onPinDigit(digit);
        } else if (state == State.IN_MEETING) {
            KeypadCommand command = keypad.onDigit(digit);
            if (command != null) {
                onCommand(command);
            }
        }
    }

    private void onPinDigit(char digit) {
        audio.stopPrompt();
        restartPinTimer();
        PinEntry.Outcome outcome = pin.onDigit(digit);
        switch (outcome) {
            case CONTINUE:
                break;
            case WRONG:
                askForPin("wrong-pin");
                break;
            case TOO_MANY_WRONG:
                log.info("Call {} from {}: wrong PIN {} times for room {}", id, caller.number(), PinEntry.MAX_ATTEMPTS,
                        room.number());
                hangUp("goodbye");
                break;
            default:
                join(outcome == PinEntry.Outcome.MODERATOR ? Participant.Role.MODERATOR : Participant.Role.PARTICIPANT);
        }
    }

    private void onPinTimeout() {
        synchronized (this) {
            if (state != State.PIN) {
                return;
            }
            if (pin.onTimeout() == PinEntry.Outcome.TOO_MANY_WRONG) {
                hangUp("goodbye");
            } else {
                askForPin("enter-pin");
            }
        }
    }

    private void askForPin(String prompt) {
        audio.playPrompt(ua.prompts().pcm(prompt), null);
        restartPinTimer();
    }

    private void restartPinTimer() {
        cancel(pinTimer);
        long ms = ua.bridgeConfig().pinTimeout().toMillis();
        pinTimer = ua.timers().schedule(this::onPinTimeout, ms, TimeUnit.MILLISECONDS);
    }

    private void join(Participant.Role role) {
        cancel(pinTimer);
        meeting = ua.meetings().open(room);
        participant = new Participant(id, caller.number(), caller.displayName(), role, ua.clock().instant(), this);
        Meeting.Admission admission = meeting.admit(participant);
        switch (admission) {
            case LOCKED:
                meeting = null;
                hangUp("locked");
                return;
            case ENDED:
                meeting = null;
                hangUp("ended");
                return;
            default:
                state = State.IN_MEETING;
                audio.joinRoom(room.number());
                audio.setMuted(participant.isMuted());
                audio.playPrompt(ua.prompts().pcm(admission == Meeting.Admission.FIRST ? "first" : "joined"), null);
                meeting.notifyOthers(id, Prompts.JOIN_TONE);
                log.info("Call {} from {} joined room {} as {}", id, caller.number(), room.number(),
                        role.name().toLowerCase(Locale.ROOT));
        }
    }

    private void onCommand(KeypadCommand command) {
        if (command.moderatorOnly() && participant.role() != Participant.Role.MODERATOR) {
            return;
        }
        switch (command) {
            case TOGGLE_SELF_MUTE:
                boolean mute = !participant.isMuted();
                meeting.setMuted(id, mute);
                audio.playPrompt(ua.prompts().pcm(mute ? "muted" : "unmuted"), null);
                break;
            case TOGGLE_MUTE_ALL:
                boolean all = !meeting.isAllMuted();
                meeting.setAllMuted(all);
                audio.playPrompt(ua.prompts().pcm(all ? "all-muted" : "all-unmuted"), null);
                break;
            case TOGGLE_LOCK:
                boolean lock = !meeting.isLocked();
                meeting.setLocked(lock);
                audio.playPrompt(ua.prompts().pcm(lock ? "room-locked" : "room-unlocked"), null);
                break;
            case END_MEETING:
                meeting.end();
                break;
            default:
                break;
        }
    }

    // ------------------------------------------------------------------ Participant.Connection
    // applyMute, playPrompt and isTalking take no lock of this call: the meeting calls them on every
    // participant while another call (holding its own lock) joins, leaves or runs a keypad command,
    // and two calls waiting for each other's locks would deadlock. CallAudio is thread-safe.

    @Override
    public void applyMute(boolean muted) {
        CallAudio a = audio;
        if (a != null) {
            a.setMuted(muted);
        }
    }

    @Override
    public void playPrompt(String prompt) {
        CallAudio a = audio;
        if (a != null && state == State.IN_MEETING) {
            a.playPrompt(ua.prompts().pcm(prompt), null);
        }
    }

    @Override
    public boolean isTalking() {
        CallAudio a = audio;
        return a != null && a.isTalking();
    }

    /** Ends the call: the prompt first if one is given, then BYE. */
    @Override
    public synchronized void hangUp(String farewellPrompt) {
        if (state == State.ENDED || state == State.LEAVING) {
            return;
        }
        cancel(pinTimer);
        leaveMeeting();
        if (farewellPrompt != null && audio != null && state != State.ANSWERING) {
            state = State.LEAVING;
            audio.playPrompt(ua.prompts().pcm(farewellPrompt), this::sendBye);
        } else {
            sendBye();
        }
    }

    private synchronized void sendBye() {
        if (state == State.ENDED) {
            return;
        }
        try {
            if (dialog.getState() == DialogState.CONFIRMED) {
                Request bye = dialog.createRequest(Request.BYE);
                ClientTransaction ct = ua.provider().getNewClientTransaction(bye);
                ct.setApplicationData(this);
                dialog.sendRequest(ct);
            }
        } catch (Exception e) {
            log.debug("BYE for call {} failed: {}", id, e.toString());
        }
        cleanUp();
    }

    // ------------------------------------------------------------------ helpers

    private void leaveMeeting() {
        if (meeting != null) {
            Meeting m = meeting;
            meeting = null;
            if (dialOut != null) {
                dialOut.onState(caller.number(), Invitee.State.LEFT, 0);
            }
            m.leave(id);
            m.notifyOthers(id, Prompts.LEAVE_TONE);
            ua.meetings().closeIfEmpty(m);
        }
        if (audio != null) {
            audio.leaveRoom();
        }
    }

    private synchronized void cleanUp() {
        if (state == State.ENDED) {
            return;
        }
        cancel(pinTimer);
        cancel(sessionTimer);
        leaveMeeting();
        state = State.ENDED;
        if (audio != null) {
            audio.close();
        }
        ua.forget(this);
    }

    private void end(ServerTransaction tx, Request request, int status, String reason) {
        ua.reply(tx, request, status, reason);
        state = State.ENDED;
        ua.forget(this);
    }

    /**
     * RFC 4028: when the caller asks for a session timer, accept its interval with the caller as
     * refresher; a session not refreshed within it is ended (a phone that vanished without BYE).
     */
    private List<Header> sessionTimerHeaders(Request invite) throws java.text.ParseException {
        List<Header> out = new ArrayList<>();
        // "x" is the compact form of Session-Expires (RFC 4028 §4).
        Header se = invite.getHeader("Session-Expires");
        if (se == null) {
            se = invite.getHeader("x");
        }
        if (se == null) {
            return out;
        }
        String value = se.toString().substring(se.toString().indexOf(':') + 1);
        Matcher m = SESSION_EXPIRES.matcher(value);
        if (!m.find()) {
            return out;
        }
        sessionExpiresSecs = Math.max(90, Long.parseLong(m.group(1)));
        out.add(ua.header("Session-Expires", sessionExpiresSecs + ";refresher=uac"));
        if (supportsTimer(invite)) {
            out.add(ua.header("Require", "timer"));
        }
        onRefresh();
        cancel(sessionTimer);
        sessionTimer = ua.timers().scheduleAtFixedRate(this::checkSession, sessionExpiresSecs, sessionExpiresSecs / 2,
                TimeUnit.SECONDS);
        return out;
    }

    private void checkSession() {
        synchronized (this) {
            if (state == State.ENDED || sessionExpiresSecs == 0) {
                return;
            }
            if (ua.clock().millis() - lastRefreshMillis > sessionExpiresSecs * 1000) {
                log.info("Call {} from {}: session not refreshed in {} s, ending it", id, caller.number(),
                        sessionExpiresSecs);
                hangUp(null);
            }
        }
    }

    private static boolean supportsTimer(Request request) {
        for (var it = request.getHeaders(SupportedHeader.NAME); it.hasNext(); ) {
            if ("timer".equalsIgnoreCase(((SupportedHeader) it.next()).getOptionTag())) {
                return true;
            }
        }
        return false;
    }

    private static String body(javax.sip.message.Message message) {
        byte[] raw = message.getRawContent();
        return raw == null ? "" : new String(raw, StandardCharsets.UTF_8);
    }

    private static void cancel(ScheduledFuture<?> f) {
        if (f != null) {
            f.cancel(false);
        }
    }
}
