package org.govtel.conference.bridge;

import java.text.ParseException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TooManyListenersException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.govtel.conference.meeting.Meetings;
import org.govtel.conference.prompt.Prompts;
import org.govtel.conference.room.Room;
import org.govtel.conference.room.RoomDirectory;
import org.govtel.sip.transport.StackShutdown;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conference bridge as a SIP user agent (RFC 3261 UAS, and UAC for dial-out). The proxy
 * routes a room's number here; each call becomes a {@link BridgeCall} that answers with the
 * negotiated SDP, asks for the PIN and then puts the caller into the room's meeting. JAIN SIP
 * keeps the dialogs (automatic dialog support): in-dialog requests find their call through the
 * dialog's application data.
 */
public final class BridgeUserAgent implements SipListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BridgeUserAgent.class);
    static final List<String> ALLOW = List.of(Request.INVITE, Request.ACK, Request.BYE, Request.CANCEL, Request.OPTIONS,
            Request.INFO, Request.UPDATE);

    private final BridgeConfig config;
    private final RoomDirectory rooms;
    private final Meetings meetings;
    private final BridgeMedia media;
    private final Prompts prompts;
    private final Clock clock;
    private final ScheduledExecutorService timers;
    private final Map<String, BridgeCall> calls = new ConcurrentHashMap<>();
    /** Who was talking at the last look, for the roster's talking indicators. */
    private final Map<String, Boolean> talking = new ConcurrentHashMap<>();
    private java.util.concurrent.ScheduledFuture<?> talkingPoll;
    private SipStack stack;
    private SipProvider provider;
    private AddressFactory addresses;
    private HeaderFactory headers;
    private MessageFactory messages;

    public BridgeUserAgent(BridgeConfig config, RoomDirectory rooms, Meetings meetings, BridgeMedia media,
                           Prompts prompts, Clock clock, ScheduledExecutorService timers) {
        this.config = config;
        this.rooms = rooms;
        this.meetings = meetings;
        this.media = media;
        this.prompts = prompts;
        this.clock = clock;
        this.timers = timers;
    }

    public void start() throws Exception {
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "govtel-bridge-" + config.sipPort());
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "on");
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "4");
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
        p.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "false");
        p.setProperty("gov.nist.javax.sip.CACHE_CLIENT_CONNECTIONS", "true");
        stack = factory.createSipStack(p);
        addresses = factory.createAddressFactory();
        headers = factory.createHeaderFactory();
        messages = factory.createMessageFactory();
        ListeningPoint udp = stack.createListeningPoint(config.bindAddress(), config.sipPort(), ListeningPoint.UDP);
        ListeningPoint tcp = stack.createListeningPoint(config.bindAddress(), config.sipPort(), ListeningPoint.TCP);
        provider = stack.createSipProvider(udp);
        provider.addListeningPoint(tcp);
        try {
            provider.addSipListener(this);
        } catch (TooManyListenersException e) {
            throw new IllegalStateException(e);
        }
        stack.start();
        talkingPoll = timers.scheduleAtFixedRate(this::publishTalking, 250, 250, java.util.concurrent.TimeUnit.MILLISECONDS);
        log.info("Conference bridge listening on {} udp+tcp {}", config.bindAddress(), config.sipPort());
    }

    @Override
    public void close() {
        if (talkingPoll != null) {
            talkingPoll.cancel(false);
        }
        for (BridgeCall call : List.copyOf(calls.values())) {
            call.hangUp(null);
        }
        if (stack != null) {
            StackShutdown.stop(stack);
            stack = null;
        }
    }

    public BridgeConfig config() {
        return config;
    }

    /** Calls in progress (answered, in PIN entry or in a meeting). */
    public int activeCalls() {
        return calls.size();
    }

    /** How a dial-out call ends up; called once per state change, on SIP or timer threads. */
    @FunctionalInterface
    public interface DialOutListener {
        /** {@code status}: the SIP status of a failure (486, 480, 408...), else 0. */
        void onState(String number, org.govtel.conference.meeting.Invitee.State state, int status);
    }

    /**
     * Calls {@code number} through the proxy (which trusts the bridge) and puts whoever answers
     * straight into the room's meeting, without a PIN: the moderator or the schedule invited them.
     */
    public void dialOut(Room room, String number, DialOutListener listener) {
        BridgeCall call = new BridgeCall(this, room, new BridgeCall.Caller(number, number), listener);
        CallAudio audio = call.openOffer();
        try {
            SipURI target = addresses.createSipURI(number, config.proxyHost());
            target.setPort(config.proxyPort());
            SipURI fromUri = addresses.createSipURI(room.number(), config.advertisedAddress());
            Address fromAddress = addresses.createAddress(fromUri);
            fromAddress.setDisplayName(room.name());
            SipURI toUri = addresses.createSipURI(number, config.proxyHost());
            Request invite = messages.createRequest(target, Request.INVITE, provider.getNewCallId(),
                    headers.createCSeqHeader(1L, Request.INVITE),
                    headers.createFromHeader(fromAddress, Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE)),
                    headers.createToHeader(addresses.createAddress(toUri), null),
                    List.of(headers.createViaHeader(config.advertisedAddress(), config.sipPort(), ListeningPoint.UDP, null)),
                    headers.createMaxForwardsHeader(70),
                    headers.createContentTypeHeader("application", "sdp"), audio.localSdp());
            invite.addHeader(contact());
            addAllow(invite);
            ClientTransaction ct = provider.getNewClientTransaction(invite);
            call.attach(ct.getDialog());
            ct.getDialog().setApplicationData(call);
            ct.setApplicationData(call);
            calls.put(call.id(), call);
            listener.onState(number, org.govtel.conference.meeting.Invitee.State.DIALING, 0);
            ct.sendRequest();
            log.info("Room {} dials {}", room.number(), number);
        } catch (Exception e) {
            audio.close();
            log.info("Room {} could not dial {}: {}", room.number(), number, e.toString());
            listener.onState(number, org.govtel.conference.meeting.Invitee.State.FAILED, Response.SERVICE_UNAVAILABLE);
        }
    }

    /** Publishes talking/silent changes of every participant (speaker detection runs in the mixer). */
    private void publishTalking() {
        try {
            java.util.Set<String> present = new java.util.HashSet<>();
            for (org.govtel.conference.meeting.Meeting m : meetings.all()) {
                for (org.govtel.conference.meeting.Participant p : m.participants()) {
                    present.add(p.id());
                    boolean now = p.isTalking();
                    Boolean before = talking.put(p.id(), now);
                    if (before == null ? now : before != now) {
                        m.talkingChanged(p.id(), now);
                    }
                }
            }
            talking.keySet().retainAll(present);
        } catch (RuntimeException e) {
            log.debug("talking indicators: {}", e.toString());
        }
    }

    // ------------------------------------------------------------------ SipListener

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        String method = request.getMethod();
        try {
            ServerTransaction tx = event.getServerTransaction();
            if (Request.ACK.equals(method)) {
                callOf(event.getDialog()).ifPresent(c -> c.onAck(request));
                return;
            }
            if (tx == null) {
                tx = provider.getNewServerTransaction(request);
            }
            Optional<BridgeCall> call = callOf(tx.getDialog());
            switch (method) {
                case Request.INVITE:
                    if (call.isPresent()) {
                        call.get().onReInvite(tx, request);
                    } else {
                        onNewCall(tx, request);
                    }
                    break;
                case Request.BYE:
                    reply(tx, request, Response.OK, null);
                    call.ifPresent(BridgeCall::onBye);
                    break;
                case Request.INFO:
                    reply(tx, request, Response.OK, null);
                    call.ifPresent(c -> c.onInfo(request));
                    break;
                case Request.UPDATE:
                    // A session refresh without SDP (RFC 4028 §7.4): confirm it, nothing changes.
                    call.ifPresent(BridgeCall::onRefresh);
                    reply(tx, request, call.isPresent() ? Response.OK : Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
                    break;
                case Request.OPTIONS:
                    reply(tx, request, Response.OK, null);
                    break;
                case Request.CANCEL:
                    // Calls are answered at once, so a CANCEL finds no pending INVITE (RFC 3261 §9.2).
                    reply(tx, request, Response.OK, null);
                    break;
                default:
                    reply(tx, request, Response.METHOD_NOT_ALLOWED, null);
            }
        } catch (Exception e) {
            log.info("{} not handled: {}", method, e.toString());
        }
    }

    private void onNewCall(ServerTransaction tx, Request invite) throws Exception {
        String roomNumber = ((SipURI) invite.getRequestURI()).getUser();
        Optional<Room> room = roomNumber == null ? Optional.empty() : rooms.find(roomNumber);
        if (room.isEmpty()) {
            reply(tx, invite, Response.NOT_FOUND, "No such meeting room");
            return;
        }
        int present = meetings.find(roomNumber).map(org.govtel.conference.meeting.Meeting::size).orElse(0);
        if (present >= config.maxParticipants()) {
            reply(tx, invite, Response.BUSY_HERE, "Meeting room full");
            return;
        }
        BridgeCall call = new BridgeCall(this, room.get(), tx.getDialog(), callerOf(invite));
        tx.getDialog().setApplicationData(call);
        calls.put(call.id(), call);
        call.onInvite(tx, invite);
    }

    @Override
    public void processResponse(ResponseEvent event) {
        ClientTransaction ct = event.getClientTransaction();
        if (ct != null && ct.getApplicationData() instanceof BridgeCall call) {
            call.onResponse(event.getResponse(), ct);
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        if (!event.isServerTransaction() && event.getClientTransaction().getApplicationData() instanceof BridgeCall call) {
            call.onRequestTimeout(event.getClientTransaction());
        }
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        log.debug("I/O error towards {}:{}", event.getHost(), event.getPort());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        // nothing kept per transaction
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        callOf(event.getDialog()).ifPresent(BridgeCall::onDialogGone);
    }

    // ------------------------------------------------------------------ used by BridgeCall

    BridgeConfig bridgeConfig() {
        return config;
    }

    Meetings meetings() {
        return meetings;
    }

    BridgeMedia media() {
        return media;
    }

    Prompts prompts() {
        return prompts;
    }

    Clock clock() {
        return clock;
    }

    ScheduledExecutorService timers() {
        return timers;
    }

    SipProvider provider() {
        return provider;
    }

    void forget(BridgeCall call) {
        calls.remove(call.id());
    }

    void reply(ServerTransaction tx, Request request, int status, String reason) {
        try {
            Response r = messages.createResponse(status, request);
            if (reason != null) {
                r.setReasonPhrase(reason);
            }
            if (status == Response.METHOD_NOT_ALLOWED || status == Response.OK) {
                addAllow(r);
            }
            if (status >= 200 && status != Response.OK) {
                tagTo(r);
            }
            tx.sendResponse(r);
        } catch (Exception e) {
            log.debug("Could not answer {} with {}: {}", request.getMethod(), status, e.toString());
        }
    }

    /** A 2xx to an INVITE carrying our SDP answer, a Contact and {@code extra} headers. */
    Response answer(Request invite, String sdp, List<Header> extra) throws ParseException, javax.sip.InvalidArgumentException {
        Response ok = messages.createResponse(Response.OK, invite);
        tagTo(ok);
        ok.addHeader(contact());
        addAllow(ok);
        for (Header h : extra) {
            ok.addHeader(h);
        }
        ContentTypeHeader type = headers.createContentTypeHeader("application", "sdp");
        ok.setContent(sdp, type);
        return ok;
    }

    /** The methods we accept, one Allow header each (JAIN SIP keeps one method per header object). */
    private void addAllow(javax.sip.message.Message m) throws ParseException {
        for (String method : ALLOW) {
            m.addHeader(headers.createAllowHeader(method));
        }
    }

    Response response(int status, Request request) throws ParseException {
        Response r = messages.createResponse(status, request);
        tagTo(r);
        return r;
    }

    Header header(String name, String value) throws ParseException {
        return headers.createHeader(name, value);
    }

    ContactHeader contact() throws ParseException {
        SipURI uri = addresses.createSipURI("bridge", config.advertisedAddress());
        uri.setPort(config.sipPort());
        return headers.createContactHeader(addresses.createAddress(uri));
    }

    private void tagTo(Response r) throws ParseException {
        ToHeader to = (ToHeader) r.getHeader(ToHeader.NAME);
        if (to != null && to.getTag() == null) {
            to.setTag(Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE));
        }
    }

    private static Optional<BridgeCall> callOf(Dialog dialog) {
        if (dialog != null && dialog.getApplicationData() instanceof BridgeCall call) {
            return Optional.of(call);
        }
        return Optional.empty();
    }

    /** The caller's number and display name, from the From header. */
    private static BridgeCall.Caller callerOf(Request invite) {
        Address from = ((FromHeader) invite.getHeader(FromHeader.NAME)).getAddress();
        String number = from.getURI() instanceof SipURI sip ? sip.getUser() : from.getURI().toString();
        String name = from.getDisplayName();
        return new BridgeCall.Caller(number == null ? "anonymous" : number,
                name == null || name.isBlank() ? number : name);
    }

    static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}
