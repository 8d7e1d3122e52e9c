package org.govtel.sip.proxy;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.govtel.sip.auth.DigestAuthenticator;
import org.govtel.sip.auth.DigestChallenge;
import org.govtel.sip.directory.Directory;
import org.govtel.sip.directory.SipAccount;
import org.govtel.sip.transport.DatagramTap;
import org.govtel.sip.wire.HeaderValues;
import org.govtel.sip.wire.PlainUdpRequest;
import org.govtel.sip.wire.RawMessage;
import org.govtel.sip.wire.RawResponse;
import org.govtel.sip.wire.StatelessTags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first half of every call over UDP, answered without the JAIN SIP stack: an INVITE without
 * credentials from one of our extensions can only earn a 407 challenge (RFC 3261 §22.3). It is
 * most of a call's bytes (it carries the SDP) and needs no state, so reading it with the stack's
 * full parser is waste.
 *
 * <p>Takes only the plain case: a UDP INVITE outside a dialog, with one Via, Max-Forwards above
 * zero, no Proxy-Authorization, not from a trusted peer, from an enabled extension. Anything else
 * (including every refusal) stays with the stack and {@link Proxy}, which answer as before.
 *
 * <p>The To tag of each 407 is the same for each retransmission and checks itself
 * ({@link StatelessTags}), so {@link UdpRelay} recognises the ACK for it (§17.1.1.3), which ends
 * at the proxy, without anything remembered.
 */
public final class UdpChallenges implements DatagramTap {

    private static final Logger log = LoggerFactory.getLogger(UdpChallenges.class);
    private static final byte[] INVITE = "INVITE ".getBytes(StandardCharsets.US_ASCII);

    private final DigestAuthenticator auth;
    private final Directory directory;
    private final TrustedPeers trustedPeers;

    public UdpChallenges(DigestAuthenticator auth, Directory directory, TrustedPeers trustedPeers) {
        this.auth = auth;
        this.directory = directory;
        this.trustedPeers = trustedPeers;
    }

    @Override
    public boolean take(DatagramPacket packet, DatagramSocket socket) {
        try {
            if (DatagramTap.startsWith(packet, INVITE)) {
                return challenge(packet, socket);
            }
            return false;
        } catch (RuntimeException e) {
            log.debug("Request left to the stack: {}", e.toString());
            return false;
        }
    }

    private boolean challenge(DatagramPacket packet, DatagramSocket socket) {
        RawMessage raw = RawMessage.parse(packet.getData(), packet.getOffset(), packet.getLength());
        HeaderValues.Via via = raw == null ? null : PlainUdpRequest.topVia(raw, "INVITE");
        if (via == null || raw.count("proxy-authorization") > 0 || raw.count("via") != 1
                || HeaderValues.splitList(raw.header("via")).size() != 1
                || HeaderValues.parseInt(raw.header("max-forwards")) == 0
                || trustedPeers.isTrusted(packet.getAddress(), packet.getPort())) {
            return false;
        }
        HeaderValues.Address to = HeaderValues.address(raw.header("to"));
        HeaderValues.Address from = HeaderValues.address(raw.header("from"));
        if (to == null || to.param("tag") != null || from == null || from.param("tag") == null) {
            return false;
        }
        // Only what the directory has in memory: this is the stack's receive thread, and a query
        // here would hold up every datagram. A caller not in memory takes the stack path, which
        // looks it up (and so puts it in memory for its next call) or refuses with its reason.
        String caller = HeaderValues.sipUser(from.uri());
        Optional<SipAccount> account = caller == null ? Optional.empty() : directory.findExtensionInMemory(caller);
        if (account.isEmpty() || !account.get().enabled()) {
            return false;
        }
        RawResponse response = new RawResponse(raw, via, 407, "Proxy Authentication Required",
                packet.getAddress().getHostAddress(), packet.getPort());
        int port = PlainUdpRequest.responsePort(via, packet.getPort());
        for (DigestChallenge c : auth.challenges(false)) {
            response.header("Proxy-Authenticate", c.headerValue());
        }
        byte[] bytes = response.toBytes();
        try {
            socket.send(new DatagramPacket(bytes, bytes.length, packet.getAddress(), port));
        } catch (IOException e) {
            log.debug("Could not send a 407 to {}:{}: {}", packet.getAddress(), port, e.toString());
        }
        return true;
    }
}
