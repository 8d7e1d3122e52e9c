package org.govtel.sip.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SIP client that writes messages by hand over UDP, for what a phone library would refuse to
 * send: malformed requests, replayed credentials, odd methods, a chosen digest algorithm. Digest
 * responses are computed here from RFC 7616 directly, independent of the server's code.
 */
public final class RawSipClient implements AutoCloseable {

    /** A response as received: status, reason phrase, and its raw text for header look-ups. */
    public record Reply(int status, String reason, String text) {
        public Optional<String> header(String name) {
            Matcher m = Pattern.compile("(?im)^" + Pattern.quote(name) + "\\s*:\\s*(.*)$").matcher(text);
            return m.find() ? Optional.of(m.group(1).trim()) : Optional.empty();
        }

        public long count(String name) {
            return Pattern.compile("(?im)^" + Pattern.quote(name) + "\\s*:").matcher(text).results().count();
        }
    }

    private final DatagramSocket socket;
    private final InetAddress server;
    private final int serverPort;

    public RawSipClient(int serverPort) throws IOException {
        this.socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        this.socket.setSoTimeout(3000);
        this.server = InetAddress.getLoopbackAddress();
        this.serverPort = serverPort;
    }

    public int localPort() {
        return socket.getLocalPort();
    }

    public void send(String message) throws IOException {
        send(message.getBytes(StandardCharsets.UTF_8));
    }

    public void send(byte[] bytes) throws IOException {
        socket.send(new DatagramPacket(bytes, bytes.length, server, serverPort));
    }

    /** The next final response (provisional ones are skipped), or empty after the timeout. */
    public Optional<Reply> receiveFinal() throws IOException {
        while (true) {
            Optional<Reply> r = receive();
            if (r.isEmpty() || r.get().status() >= 200) {
                return r;
            }
        }
    }

    public Optional<Reply> receive() throws IOException {
        byte[] buf = new byte[65535];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
            socket.receive(p);
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        }
        String text = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("^SIP/2\\.0 (\\d{3}) ?(.*)$", Pattern.MULTILINE).matcher(text);
        if (!m.find()) {
            return Optional.of(new Reply(0, "", text));
        }
        return Optional.of(new Reply(Integer.parseInt(m.group(1)), m.group(2).trim(), text));
    }

    /** Like {@link #receive()} but waits only briefly: for draining answers that may not come. */
    public Optional<Reply> receiveOrNothing() throws IOException {
        int old = socket.getSoTimeout();
        socket.setSoTimeout(200);
        try {
            return receive();
        } finally {
            socket.setSoTimeout(old);
        }
    }

    public Optional<Reply> exchange(String message) throws IOException {
        send(message);
        return receiveFinal();
    }

    /**
     * A response to a received request, as a phone writes it: its Via, Record-Route, From,
     * Call-ID and CSeq copied, its To given {@code toTag}, then {@code extraHeaders}.
     */
    public static String responseTo(String request, int status, String reason, String toTag, String extraHeaders) {
        StringBuilder r = new StringBuilder("SIP/2.0 " + status + " " + reason + "\r\n");
        for (String line : request.split("\r\n")) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("via:") || lower.startsWith("from:") || lower.startsWith("call-id:")
                    || lower.startsWith("cseq:") || lower.startsWith("record-route:")) {
                r.append(line).append("\r\n");
            } else if (lower.startsWith("to:")) {
                r.append(line).append(";tag=").append(toTag).append("\r\n");
            }
        }
        return r.append(extraHeaders).append("Content-Length: 0\r\n\r\n").toString();
    }

    /** A REGISTER for {@code number}, with optional extra header lines (each ending in CRLF). */
    public String register(String number, String callId, int cseq, String contactAndExpires, String extra) {
        return "REGISTER sip:127.0.0.1:" + serverPort + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + localPort() + ";branch=z9hG4bK" + random() + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:" + number + "@127.0.0.1>;tag=" + random() + "\r\n"
                + "To: <sip:" + number + "@127.0.0.1>\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + " REGISTER\r\n"
                + contactAndExpires
                + extra
                + "Content-Length: 0\r\n\r\n";
    }

    /** Registers {@code number} with MD5 digest (challenge, then credentials); returns the final reply. */
    public Reply registerWithDigest(String number, String password, String contactAndExpires) throws IOException {
        String callId = "reg-" + random();
        Reply challenge = exchange(register(number, callId, 1, contactAndExpires, ""))
                .orElseThrow(() -> new AssertionError("no answer to REGISTER"));
        return exchange(register(number, callId, 2, contactAndExpires,
                authorization("Authorization", challengeFor(challenge, "WWW-Authenticate", "MD5"), "MD5", number,
                        password, "REGISTER", "sip:127.0.0.1", 1)))
                .orElseThrow(() -> new AssertionError("no answer to the authenticated REGISTER"));
    }

    public String contact(String number, int expires) {
        return "Contact: <sip:" + number + "@127.0.0.1:" + localPort() + ">\r\nExpires: " + expires + "\r\n";
    }

    /**
     * The Authorization header answering {@code challenge} (the value of a WWW-Authenticate
     * header) for method and digest URI, with algorithm chosen by the caller.
     */
    public static String authorization(String headerName, String challenge, String algorithm, String user,
                                       String password, String method, String uri, int nc) {
        Map<String, String> p = params(challenge);
        String realm = p.get("realm");
        String nonce = p.get("nonce");
        String cnonce = random();
        String ncHex = String.format(Locale.ROOT, "%08x", nc);
        String ha1 = hash(algorithm, user + ":" + realm + ":" + password);
        String ha2 = hash(algorithm, method + ":" + uri);
        String response = hash(algorithm, ha1 + ":" + nonce + ":" + ncHex + ":" + cnonce + ":auth:" + ha2);
        return headerName + ": Digest username=\"" + user + "\", realm=\"" + realm + "\", nonce=\"" + nonce
                + "\", uri=\"" + uri + "\", response=\"" + response + "\", algorithm=" + algorithm
                + ", cnonce=\"" + cnonce + "\", qop=auth, nc=" + ncHex + "\r\n";
    }

    /** The WWW-/Proxy-Authenticate header value of a reply that offers {@code algorithm}. */
    public static String challengeFor(Reply reply, String headerName, String algorithm) {
        Matcher m = Pattern.compile("(?im)^" + Pattern.quote(headerName) + "\\s*:\\s*(.*)$").matcher(reply.text());
        while (m.find()) {
            String value = m.group(1).trim();
            if (algorithm.equalsIgnoreCase(params(value).get("algorithm"))) {
                return value;
            }
        }
        throw new AssertionError("no " + algorithm + " challenge in\n" + reply.text());
    }

    public static Map<String, String> params(String challenge) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(\\w[\\w-]*)=(\"([^\"]*)\"|[^,\\s]+)").matcher(challenge);
        while (m.find()) {
            out.put(m.group(1).toLowerCase(Locale.ROOT), m.group(3) != null ? m.group(3) : m.group(2));
        }
        return out;
    }

    static String hash(String algorithm, String input) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256".equalsIgnoreCase(algorithm) ? "SHA-256" : "MD5");
            return HexFormat.of().formatHex(md.digest(input.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String random() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }

    @Override
    public void close() {
        socket.close();
    }
}
