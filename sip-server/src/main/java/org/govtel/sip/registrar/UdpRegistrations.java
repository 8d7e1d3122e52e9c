package org.govtel.sip.registrar;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.govtel.sip.auth.DigestChallenge;
import org.govtel.sip.auth.DigestCredentials;
import org.govtel.sip.transport.DatagramTap;
import org.govtel.sip.wire.HeaderValues;
import org.govtel.sip.wire.PlainUdpRequest;
import org.govtel.sip.wire.RawMessage;
import org.govtel.sip.wire.RawResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * REGISTER over UDP, read and answered without the JAIN SIP stack: the registrations of a
 * prefecture's phones are most of the server's traffic, and the stack's parser, object model
 * and transactions cost more than the registrar itself.
 *
 * <p>Takes a datagram off the listening socket (as its {@link DatagramTap}) when it is a
 * REGISTER in the plain form {@link RawMessage} reads, with everything the stack would demand
 * (Via with an RFC 3261 branch, From, To, Call-ID, CSeq, Max-Forwards) and contacts that are plain
 * SIP URIs; anything else stays with the stack and {@link StackRegistrations}. Requests with
 * credentials get a {@link RegisterTransactions} entry, so a retransmission gets the same final
 * response; those without can only earn a challenge or a refusal and are answered statelessly,
 * as the stack path does.
 */
public final class UdpRegistrations implements DatagramTap, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UdpRegistrations.class);
    private static final byte[] REGISTER = "REGISTER ".getBytes(StandardCharsets.US_ASCII);
    /** SIP-date (RFC 3261 §25.1): RFC 1123 with a two-digit day. */
    private static final DateTimeFormatter SIP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    /** Like the stack's congestion control: a request that waited this long has been retransmitted by now. */
    private static final long STALE_MILLIS = 2000;

    private final Registrar registrar;
    private final RegisterTransactions transactions;
    private final Clock clock;
    private final int maxRequestBytes;
    private final ThreadPoolExecutor workers;
    private final AtomicInteger dropped = new AtomicInteger();

    /**
     * @param threads         threads that run the registrar for these requests
     * @param queue           requests that may wait for them; beyond, requests are dropped (the phone retransmits)
     * @param maxRequestBytes longer requests are left to the stack, which answers 513
     */
    public UdpRegistrations(Registrar registrar, Clock clock, int maxRequestBytes, int threads, int queue,
                            String name) {
        this.registrar = registrar;
        this.transactions = new RegisterTransactions(clock);
        this.clock = clock;
        this.maxRequestBytes = maxRequestBytes;
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queue), r -> {
                    Thread t = new Thread(r, name + "-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /** A REGISTER read off the wire, with where it came from. */
    private record Received(RawMessage raw, HeaderValues.Via via, RegisterRequest request, InetAddress source,
                            int sourcePort, DatagramSocket socket, long receivedMillis) { }

    @Override
    public boolean take(DatagramPacket packet, DatagramSocket socket) {
        try {
            if (!DatagramTap.startsWith(packet, REGISTER) || packet.getLength() > maxRequestBytes) {
                return false;
            }
            RawMessage raw = RawMessage.parse(packet.getData(), packet.getOffset(), packet.getLength());
            HeaderValues.Via via = raw == null || raw.bodyLength() > 0 ? null : PlainUdpRequest.topVia(raw, "REGISTER");
            if (via == null) {
                return false;
            }
            String sourceHost = packet.getAddress().getHostAddress();
            RegisterRequest request = read(raw, via, sourceHost, packet.getPort());
            if (request == null) {
                return false;
            }
            Received received = new Received(raw, via, request, packet.getAddress(), packet.getPort(), socket,
                    clock.millis());
            try {
                workers.execute(() -> handle(received));
            } catch (RejectedExecutionException e) {
                if (dropped.getAndIncrement() % 1000 == 0) {
                    log.warn("REGISTER queue full: dropped {} requests so far (phones retransmit)", dropped.get());
                }
            }
            return true;
        } catch (RuntimeException e) {
            log.debug("REGISTER left to the stack: {}", e.toString());
            return false;
        }
    }

    /** The registrar's view of the request, or null when some part is outside the plain form. */
    private RegisterRequest read(RawMessage raw, HeaderValues.Via via, String sourceHost, int sourcePort) {
        long cseq = PlainUdpRequest.cseq(raw);
        HeaderValues.Address to = HeaderValues.address(raw.header("to"));
        HeaderValues.Address from = HeaderValues.address(raw.header("from"));
        String callId = raw.header("call-id");
        if (to == null || from == null || callId.indexOf(' ') >= 0) {
            return null;
        }
        String aor = HeaderValues.sipUser(to.uri());
        if (aor == null) {
            return null;
        }
        int expires = -1;
        if (raw.count("expires") > 0) {
            expires = raw.count("expires") == 1 ? HeaderValues.parseInt(raw.header("expires")) : -1;
            if (expires < 0) {
                return null;
            }
        }
        List<RegisterRequest.Contact> contacts = new ArrayList<>(2);
        boolean wildcard = false;
        for (String value : raw.headers("contact")) {
            List<String> entries = HeaderValues.splitList(value);
            if (entries == null) {
                return null;
            }
            for (String entry : entries) {
                if (entry.equals("*")) {
                    wildcard = true;
                    continue;
                }
                RegisterRequest.Contact contact = contact(entry);
                if (contact == null) {
                    return null;
                }
                contacts.add(contact);
            }
        }
        DigestCredentials credentials = null;
        for (String value : raw.headers("authorization")) {
            Map<String, String> params = HeaderValues.digestParams(value);
            if (params == null) {
                if (value.regionMatches(true, 0, "Digest", 0, 6)) {
                    return null; // malformed Digest: the stack says what is wrong
                }
                continue; // another scheme, ignored as on the stack path
            }
            if (registrar.realm().equals(params.get("realm"))) {
                credentials = DigestCredentials.of(params);
                if (credentials == null) {
                    return null;
                }
                break;
            }
        }
        String userAgent = raw.header("user-agent");
        return new RegisterRequest(aor, callId, cseq, expires, contacts, wildcard, credentials, sourceHost,
                sourcePort, "UDP", userAgent == null ? null : RawMessage.utf8(userAgent));
    }

    private static RegisterRequest.Contact contact(String entry) {
        HeaderValues.Address address = HeaderValues.address(entry);
        if (address == null || !HeaderValues.isPlainSipUri(address.uri()) || !isStackForm(address.uri())) {
            return null;
        }
        int expires = -1;
        String expiresParam = address.param("expires");
        if (expiresParam != null) {
            expires = HeaderValues.parseInt(expiresParam);
            if (expires < 0) {
                return null;
            }
        }
        float q = -1;
        String qParam = address.param("q");
        if (qParam != null) {
            try {
                q = Float.parseFloat(qParam);
            } catch (NumberFormatException e) {
                return null;
            }
            if (!(q >= 0 && q <= 1)) {
                return null;
            }
        }
        return new RegisterRequest.Contact(address.uri(), expires, q);
    }

    /**
     * Whether the stack would store this URI as it is: bindings are keyed by the contact URI's
     * text, and the stack writes scheme and host in lower case, so a URI with capitals there is
     * left to the stack and both paths key the same phone alike.
     */
    private static boolean isStackForm(String uri) {
        int colon = uri.indexOf(':');
        int at = uri.indexOf('@');
        int hostStart = at < 0 ? colon + 1 : at + 1;
        int hostEnd = hostStart;
        while (hostEnd < uri.length() && ":;?".indexOf(uri.charAt(hostEnd)) < 0) {
            hostEnd++;
        }
        return isLowerCase(uri, 0, colon) && isLowerCase(uri, hostStart, hostEnd);
    }

    private static boolean isLowerCase(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                return false;
            }
        }
        return true;
    }

    private void handle(Received r) {
        try {
            if (clock.millis() - r.receivedMillis() > STALE_MILLIS) {
                return;
            }
            // Only a request with credentials can change bindings; the others get a fresh
            // challenge or the same refusal if retransmitted, with no state kept (RFC 3261 §16.4).
            String key = null;
            if (r.raw().count("authorization") > 0) {
                key = r.via().branch().toLowerCase(Locale.ROOT) + '|' + r.via().host() + ':' + r.via().port();
                RegisterTransactions.Begun begun = transactions.begin(key);
                if (!begun.isNew()) {
                    if (begun.finalResponse() != null) {
                        send(r, begun.finalResponse());
                    }
                    return;
                }
            }
            byte[] response;
            try {
                response = respond(r, registrar.register(r.request()));
            } catch (RuntimeException e) {
                // e.g. the database unreachable: say so, as the stack path does, rather than
                // leave the phone retransmitting into a transaction that never answers
                log.warn("Failed to process REGISTER: {}", e.toString(), e);
                response = new RawResponse(r.raw(), r.via(), 500, "Internal error", r.request().sourceHost(),
                        r.sourcePort()).toBytes();
            }
            if (key != null) {
                transactions.complete(key, response);
            }
            send(r, response);
        } catch (RuntimeException e) {
            log.warn("Failed to answer REGISTER: {}", e.toString(), e);
        }
    }

    private byte[] respond(Received r, RegisterOutcome outcome) {
        String sourceHost = r.request().sourceHost();
        if (outcome instanceof RegisterOutcome.Refused refused) {
            return new RawResponse(r.raw(), r.via(), refused.status(), refused.reason(), sourceHost, r.sourcePort())
                    .toBytes();
        }
        if (outcome instanceof RegisterOutcome.Challenged c) {
            RawResponse response = new RawResponse(r.raw(), r.via(), 401, "Unauthorized", sourceHost, r.sourcePort());
            for (DigestChallenge challenge : c.challenges()) {
                response.header("WWW-Authenticate", challenge.headerValue());
            }
            return response.toBytes();
        }
        if (outcome instanceof RegisterOutcome.TooBrief t) {
            return new RawResponse(r.raw(), r.via(), 423, "Interval Too Brief", sourceHost, r.sourcePort())
                    .header("Min-Expires", Integer.toString(t.minExpires()))
                    .toBytes();
        }
        RegisterOutcome.Registered ok = (RegisterOutcome.Registered) outcome;
        RawResponse response = new RawResponse(r.raw(), r.via(), 200, "OK", sourceHost, r.sourcePort());
        for (Binding b : ok.bindings()) {
            response.header("Contact", "<" + b.contactUri() + ">;expires=" + b.secondsLeft(ok.now()));
        }
        return response.header("Date", SIP_DATE.format(ok.now())).toBytes();
    }

    private void send(Received r, byte[] response) {
        int port = PlainUdpRequest.responsePort(r.via(), r.sourcePort());
        try {
            r.socket().send(new DatagramPacket(response, response.length, r.source(), port));
        } catch (IOException e) {
            log.debug("Could not send a REGISTER response to {}:{}: {}", r.source(), port, e.toString());
        }
    }

    /** Transactions kept now (for tests). */
    int transactionsKept() {
        return transactions.size();
    }

    /** Stops taking work and lets the requests already taken finish, so their bindings are stored. */
    @Override
    public void close() {
        workers.shutdown();
        try {
            if (!workers.awaitTermination(2, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
