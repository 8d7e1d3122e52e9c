package org.govtel.sip.proxy;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import org.govtel.sip.SipEndpoint;
import org.govtel.sip.registrar.Binding;
import org.govtel.sip.registrar.LocationService;
import org.govtel.sip.transport.DatagramTap;
import org.govtel.sip.wire.HeaderValues;
import org.govtel.sip.wire.PlainUdpRequest;
import org.govtel.sip.wire.RawMessage;
import org.govtel.sip.wire.StatelessTags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The messages of a call that the proxy passes on without a transaction (RFC 3261 §16.11),
 * relayed between UDP phones without the JAIN SIP stack: the ACK for a 2xx, the BYE, and the
 * responses to such a BYE. The ACK for an answer we sent without a transaction (the 407 of
 * {@link UdpChallenges} or the stack path) is recognised by its To tag ({@link StatelessTags})
 * and ends here. They are half of a call's datagrams and need nothing but a Route
 * check, a new Via and a send, which the stack's parser and object model made the bulk of the
 * work.
 *
 * <p>Takes only the plain case, and decides as {@link Proxy} does on the stack path: an
 * in-dialog ACK or BYE over UDP whose Route entries are all ours (or, with no Route, whose
 * Request-URI is a contact registered here), going to a UDP flow or an IP address, with
 * Max-Forwards above zero; and a response whose top Via is ours with a stateless branch and
 * whose next Via is UDP to an IP address. An ACK that matches a server transaction (the ACK for
 * a non-2xx final response, RFC 3261 §17.2.1) and everything else stays with the stack.
 */
public final class UdpRelay implements DatagramTap {

    private static final Logger log = LoggerFactory.getLogger(UdpRelay.class);
    private static final byte[] ACK = "ACK ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BYE = "BYE ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RESPONSE = "SIP/2.0 ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] STATELESS_BRANCH = (";branch=" + StatelessBranch.PREFIX).getBytes(StandardCharsets.US_ASCII);
    /** Our Route entries on top of a request: one, or two after double record-routing (RFC 5658). */
    private static final int MAX_OWN_ROUTES = 2;

    private final String host;
    private final int port;
    private final int tlsPort;
    private final LocationService location;
    private final int maxRequestBytes;
    private final Predicate<String> serverTransactionExists;

    /**
     * {@code host}, {@code port}, {@code tlsPort}: how our Via and Record-Route name us.
     * {@code serverTransactionExists}: whether the stack has a server transaction with this id
     * (an RFC 3261 branch, lower case).
     */
    public UdpRelay(String host, int port, int tlsPort, LocationService location, int maxRequestBytes,
                    Predicate<String> serverTransactionExists) {
        this.host = host;
        this.port = port;
        this.tlsPort = tlsPort;
        this.location = location;
        this.maxRequestBytes = maxRequestBytes;
        this.serverTransactionExists = serverTransactionExists;
    }

    @Override
    public boolean take(DatagramPacket packet, DatagramSocket socket) {
        try {
            if (DatagramTap.startsWith(packet, ACK) || DatagramTap.startsWith(packet, BYE)) {
                return packet.getLength() <= maxRequestBytes && relayRequest(packet, socket);
            }
            if (DatagramTap.startsWith(packet, RESPONSE)) {
                // Most responses are for the stack's transactions: a byte search spares them our parse.
                return packet.getLength() <= maxRequestBytes && contains(packet, STATELESS_BRANCH)
                        && relayResponse(packet, socket);
            }
            return false;
        } catch (RuntimeException e) {
            log.debug("Message left to the stack: {}", e.toString());
            return false;
        }
    }

    private boolean relayRequest(DatagramPacket packet, DatagramSocket socket) {
        RawMessage raw = RawMessage.parse(packet.getData(), packet.getOffset(), packet.getLength());
        HeaderValues.Via via = raw == null ? null : PlainUdpRequest.topVia(raw, raw.method());
        HeaderValues.Address to = via == null ? null : HeaderValues.address(raw.header("to"));
        String toTag = to == null ? null : to.param("tag");
        if (toTag == null) {
            return false; // out of a dialog: the stack routes or refuses it
        }
        if ("ACK".equals(raw.method()) && StatelessTags.isOurs(toTag)) {
            return true; // the ACK for an answer we sent without a transaction (a 407): it ends here
        }
        int maxForwards = HeaderValues.parseInt(raw.header("max-forwards"));
        HeaderValues.Uri target = HeaderValues.uri(raw.requestUri());
        if (raw.header("content-length") == null || maxForwards <= 0 || target == null || isOurs(target)) {
            return false; // 483, or for the server itself: the stack answers
        }
        if ("ACK".equals(raw.method()) && serverTransactionExists.test(via.branch().toLowerCase(Locale.ROOT))) {
            return false;
        }
        int ownRoutes = ownRoutes(raw);
        if (ownRoutes < 0) {
            return false; // a Route that is not ours: the stack's router follows it
        }
        Optional<Binding> flow = location.findByContact(raw.requestUri());
        if (ownRoutes == 0 && flow.isEmpty()) {
            return false; // not a dialog of ours: the stack refuses it
        }
        InetSocketAddress next = flow.isPresent() ? flowAddress(flow.get()) : uriAddress(target);
        if (next == null) {
            return false;
        }
        String sourceHost = packet.getAddress().getHostAddress();
        StringBuilder out = new StringBuilder(packet.getLength() + 96);
        out.append(raw.method()).append(' ').append(raw.requestUri()).append(" SIP/2.0\r\n");
        out.append("Via: SIP/2.0/UDP ").append(SipEndpoint.uriHost(host)).append(':').append(port)
                .append(";branch=").append(StatelessBranch.of(via.branch(), via.host(), via.port())).append(";rport\r\n");
        boolean topVia = true;
        for (int i = 0; i < raw.headerCount(); i++) {
            String name = raw.name(i);
            String value = raw.value(i);
            if (name.equals("route")) {
                continue; // every Route entry is ours (checked above)
            }
            if (name.equals("via") && topVia) {
                topVia = false;
                List<String> entries = new ArrayList<>(HeaderValues.splitList(value));
                entries.set(0, HeaderValues.stampedVia(via, sourceHost, packet.getPort()));
                value = String.join(", ", entries);
            } else if (name.equals("max-forwards")) {
                value = Integer.toString(maxForwards - 1);
            }
            out.append(raw.spelledName(i)).append(": ").append(value).append("\r\n");
        }
        out.append("\r\n").append(raw.body());
        send(socket, out, next);
        return true;
    }

    /** How many Route entries there are when all are ours (at most two), or -1. */
    private int ownRoutes(RawMessage raw) {
        int count = 0;
        for (String value : raw.headers("route")) {
            List<String> entries = HeaderValues.splitList(value);
            if (entries == null) {
                return -1;
            }
            for (String entry : entries) {
                HeaderValues.Address address = HeaderValues.address(entry);
                HeaderValues.Uri uri = address == null ? null : HeaderValues.uri(address.uri());
                if (uri == null || !isOurs(uri) || ++count > MAX_OWN_ROUTES) {
                    return -1;
                }
            }
        }
        return count;
    }

    private boolean relayResponse(DatagramPacket packet, DatagramSocket socket) {
        RawMessage raw = RawMessage.parse(packet.getData(), packet.getOffset(), packet.getLength());
        List<String> vias = raw == null ? List.of() : raw.headers("via");
        List<String> topEntries = vias.isEmpty() ? null : HeaderValues.splitList(vias.get(0));
        if (topEntries == null || topEntries.isEmpty()) {
            return false;
        }
        HeaderValues.Via ours = HeaderValues.topVia(topEntries.get(0));
        // Our Via exactly as we wrote it (host and UDP port), as the stack path's isOurVia asks.
        if (ours == null || !"UDP".equals(ours.transport()) || !StatelessBranch.isStateless(ours.branch())
                || ours.port() != port || !SipEndpoint.bareHost(ours.host()).equalsIgnoreCase(SipEndpoint.bareHost(host))) {
            return false;
        }
        String nextEntry = topEntries.size() > 1 ? topEntries.get(1)
                : vias.size() > 1 ? HeaderValues.splitList(vias.get(1)).get(0) : null;
        if (nextEntry == null) {
            return true; // nobody to pass it to (§16.7 step 3)
        }
        HeaderValues.Via next = HeaderValues.topVia(nextEntry);
        InetSocketAddress to = next == null || !"UDP".equals(next.transport()) ? null : responseAddress(next);
        if (to == null) {
            return false;
        }
        StringBuilder out = new StringBuilder(packet.getLength());
        out.append("SIP/2.0 ").append(raw.status()).append(' ').append(raw.reason()).append("\r\n");
        boolean topVia = true;
        for (int i = 0; i < raw.headerCount(); i++) {
            String value = raw.value(i);
            if (raw.name(i).equals("via") && topVia) {
                topVia = false;
                if (topEntries.size() == 1) {
                    continue;
                }
                value = String.join(", ", topEntries.subList(1, topEntries.size()));
            }
            out.append(raw.spelledName(i)).append(": ").append(value).append("\r\n");
        }
        out.append("\r\n").append(raw.body());
        send(socket, out, to);
        return true;
    }

    /** RFC 3261 §18.2.2 and RFC 3581 §4: the received address and rport when present, else the sent-by. */
    private static InetSocketAddress responseAddress(HeaderValues.Via via) {
        String received = HeaderValues.param(via.text(), "received");
        String rport = HeaderValues.param(via.text(), "rport");
        String to = received != null && !received.isEmpty() ? received : via.host();
        int p = rport != null && !rport.isEmpty() ? HeaderValues.parseInt(rport) : via.port() > 0 ? via.port() : 5060;
        return p > 0 && p <= 65535 ? address(to, p) : null;
    }

    private static InetSocketAddress flowAddress(Binding binding) {
        return "UDP".equalsIgnoreCase(binding.transport()) ? address(binding.receivedHost(), binding.receivedPort()) : null;
    }

    /** Where the Request-URI points (RFC 3263 without DNS): its IP address and port, over UDP. */
    private static InetSocketAddress uriAddress(HeaderValues.Uri uri) {
        String transport = uri.param("transport");
        if (uri.secure() || uri.param("maddr") != null || (transport != null && !transport.equalsIgnoreCase("udp"))) {
            return null;
        }
        return address(uri.host(), uri.port() > 0 ? uri.port() : 5060);
    }

    /** An IP literal's socket address; null for a name, which the stack resolves. */
    private static InetSocketAddress address(String host, int port) {
        if (!HeaderValues.isIpLiteral(host)) {
            return null;
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private boolean isOurs(HeaderValues.Uri uri) {
        return SipEndpoint.names(host, port, tlsPort, uri.host(), uri.port(), uri.secure());
    }

    /** Whether the datagram holds {@code needle} (ASCII) anywhere. */
    private static boolean contains(DatagramPacket packet, byte[] needle) {
        byte[] data = packet.getData();
        int end = packet.getOffset() + packet.getLength() - needle.length;
        outer:
        for (int i = packet.getOffset(); i <= end; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static void send(DatagramSocket socket, StringBuilder message, InetSocketAddress to) {
        byte[] bytes = message.toString().getBytes(StandardCharsets.ISO_8859_1);
        try {
            socket.send(new DatagramPacket(bytes, bytes.length, to));
        } catch (IOException e) {
            log.debug("Could not relay to {}: {}", to, e.toString());
        }
    }
}
