package org.govtel.sip;

import gov.nist.javax.sip.stack.HopImpl;
import java.text.ParseException;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import javax.sip.InvalidArgumentException;
import javax.sip.SipProvider;
import javax.sip.address.AddressFactory;
import javax.sip.address.Hop;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.HeaderFactory;
import javax.sip.header.RecordRouteHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;

/**
 * The server's own SIP identity and factories, shared by registrar and proxy: which address and
 * ports it listens on per transport, how its Via and Record-Route headers look, and how to tell
 * a URI that points at the server itself.
 */
public final class SipEndpoint {

    /** RFC 3261 §8.1.1.7: branches of RFC 3261 compliant elements start with this cookie. */
    public static final String MAGIC_COOKIE = "z9hG4bK";

    private final SipProvider provider;
    private final AddressFactory addresses;
    private final HeaderFactory headers;
    private final MessageFactory messages;
    private final String host;
    private final int port;
    private final int tlsPort;

    public SipEndpoint(SipProvider provider, AddressFactory addresses, HeaderFactory headers,
                       MessageFactory messages, String host, int port, int tlsPort) {
        this.provider = provider;
        this.addresses = addresses;
        this.headers = headers;
        this.messages = messages;
        this.host = host;
        this.port = port;
        this.tlsPort = tlsPort;
    }

    public SipProvider provider() {
        return provider;
    }

    public AddressFactory addresses() {
        return addresses;
    }

    public HeaderFactory headers() {
        return headers;
    }

    public MessageFactory messages() {
        return messages;
    }

    public String host() {
        return host;
    }

    public int portFor(String transport) {
        return "TLS".equalsIgnoreCase(transport) ? tlsPort : port;
    }

    /** A Via for a request we send on {@code transport}, with a fresh branch ending in {@code tag}. */
    public ViaHeader newVia(String transport, String tag) throws ParseException, InvalidArgumentException {
        String branch = MAGIC_COOKIE + Long.toHexString(ThreadLocalRandom.current().nextLong())
                + (tag == null ? "" : "." + tag);
        ViaHeader via = headers.createViaHeader(host, portFor(transport), transport.toUpperCase(Locale.ROOT), branch);
        via.setRPort();
        return via;
    }

    /** Record-Route entry for the side of a call that talks to us over {@code transport}. */
    public RecordRouteHeader recordRoute(String transport) throws ParseException {
        SipURI uri = addresses.createSipURI(null, host);
        uri.setPort(portFor(transport));
        uri.setTransportParam(transport.toLowerCase(Locale.ROOT));
        uri.setLrParam();
        return headers.createRecordRouteHeader(addresses.createAddress(uri));
    }

    /** Whether the URI names this server (host and one of our ports). */
    public boolean isOurs(URI uri) {
        if (!(uri instanceof SipURI sip)) {
            return false;
        }
        return names(host, port, tlsPort, sip.getHost(), sip.getPort(), sip.isSecure());
    }

    /**
     * Whether a URI's host and port (-1 for none: the scheme's default) name a server that listens
     * on {@code ourHost} at {@code ourPort} (UDP, TCP) and {@code ourTlsPort}.
     */
    public static boolean names(String ourHost, int ourPort, int ourTlsPort, String uriHost, int uriPort,
                                boolean secure) {
        if (uriHost == null || !bareHost(ourHost).equalsIgnoreCase(bareHost(uriHost))) {
            return false;
        }
        int p = uriPort > 0 ? uriPort : secure ? 5061 : 5060;
        return p == ourPort || p == ourTlsPort;
    }

    /** A host without the brackets an IPv6 reference has in URIs and Via (RFC 3261 §25.1). */
    public static String bareHost(String host) {
        return host.length() > 1 && host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** A host as URIs and Via write it: an IPv6 address in brackets. */
    public static String uriHost(String host) {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** Whether a Via's sent-by is ours (then a response carrying it on top is for us). */
    public boolean isOurVia(ViaHeader via) {
        if (!host.equalsIgnoreCase(via.getHost())) {
            return false;
        }
        return via.getPort() == portFor(via.getTransport());
    }

    public static Hop hop(String host, int port, String transport) {
        return new HopImpl(host, port, transport.toUpperCase(Locale.ROOT));
    }
}
