package org.govtel.sip.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.govtel.sip.transport.SipNetworkLayer;
import org.govtel.sip.transport.StackShutdown;
import org.govtel.sip.transport.TlsCertificates;

/**
 * A softphone on its own JAIN SIP stack, for what SIPp cannot do here: TLS (Debian's SIPp is
 * built without it) and SHA-256 digest. It follows the same call as the SIPp scenarios
 * uac_call/uas_answer: the caller's SDP names 127.0.0.77, the callee answers with 180 + 200 and
 * 127.0.0.88, the caller puts the call on hold (re-INVITE), the callee sends INFO back, the
 * caller hangs up. Digest answers are computed by {@link RawSipClient},
 * independently of the server's code.
 */
public final class TestPhone implements SipListener, AutoCloseable {

    private final String number;
    private final String password;
    private final String algorithm;
    private final String transport;
    private final SipStack stack;
    private final SipProvider provider;
    private final AddressFactory addresses;
    private final HeaderFactory headers;
    private final MessageFactory messages;
    private final int localPort;
    private final String server;
    private final BlockingQueue<Response> responses = new LinkedBlockingQueue<>();
    /** What this phone received as callee: INVITE bodies, then "ACK" and "BYE" markers. */
    public final BlockingQueue<String> incoming = new LinkedBlockingQueue<>();
    private long cseq = 1;
    private volatile boolean held;
    private final String callId;

    public TestPhone(String number, String password, String algorithm, String transport, int serverPort,
                     int serverTlsPort, Path dataDir) throws Exception {
        this.number = number;
        this.password = password;
        this.algorithm = algorithm;
        this.transport = transport;
        this.localPort = FreePorts.block(2);
        int target = "tls".equals(transport) ? serverTlsPort : serverPort;
        this.server = "127.0.0.1:" + target;
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        Properties p = new Properties();
        String name = "phone-" + number + "-" + localPort;
        p.setProperty("javax.sip.STACK_NAME", name);
        p.setProperty("javax.sip.OUTBOUND_PROXY", server + "/" + transport);
        p.setProperty("gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE", "Disabled");
        SipNetworkLayer.register(name, TlsCertificates.selfSigned(dataDir.resolve(name), "127.0.0.1"));
        p.setProperty("gov.nist.javax.sip.NETWORK_LAYER", SipNetworkLayer.class.getName());
        p.setProperty("gov.nist.javax.sip.TLS_CLIENT_PROTOCOLS", TlsCertificates.PROTOCOLS);
        p.setProperty("gov.nist.javax.sip.ENABLED_CIPHER_SUITES", TlsCertificates.CIPHER_SUITES);
        stack = factory.createSipStack(p);
        ListeningPoint lp = stack.createListeningPoint("127.0.0.1", localPort, transport);
        provider = stack.createSipProvider(lp);
        provider.addSipListener(this);
        addresses = factory.createAddressFactory();
        headers = factory.createHeaderFactory();
        messages = factory.createMessageFactory();
        callId = provider.getNewCallId().getCallId();
    }

    /** REGISTER, answering the challenge with this phone's algorithm; returns the final status. */
    public int register(int expires) throws Exception {
        Request r = request(Request.REGISTER, addresses.createSipURI(null, server), number, callId);
        r.addHeader(headers.createExpiresHeader(expires));
        Response first = send(r);
        if (first.getStatusCode() != Response.UNAUTHORIZED) {
            return first.getStatusCode();
        }
        Request again = request(Request.REGISTER, addresses.createSipURI(null, server), number, callId);
        again.addHeader(headers.createExpiresHeader(expires));
        again.addHeader(answer(first, "WWW-Authenticate", "Authorization", Request.REGISTER, "sip:" + server));
        return send(again).getStatusCode();
    }

    /** Calls {@code dialed}; on 200 it ACKs, waits briefly and hangs up. Returns the INVITE's final status. */
    public int callAndHangUp(String dialed) throws Exception {
        String call = provider.getNewCallId().getCallId();
        SipURI uri = addresses.createSipURI(dialed, server);
        Request invite = withSdp(request(Request.INVITE, uri, dialed, call), "127.0.0.77");
        Response first = send(invite);
        if (first.getStatusCode() != Response.PROXY_AUTHENTICATION_REQUIRED) {
            return first.getStatusCode();
        }
        Request again = withSdp(request(Request.INVITE, uri, dialed, call), "127.0.0.77");
        again.addHeader(answer(first, "Proxy-Authenticate", "Proxy-Authorization", Request.INVITE, uri.toString()));
        ClientTransaction ct = provider.getNewClientTransaction(again);
        ct.sendRequest();
        Response fin = awaitFinal();
        if (fin.getStatusCode() == Response.OK) {
            Dialog dialog = ct.getDialog();
            Request ack = dialog.createAck(((CSeqHeader) fin.getHeader(CSeqHeader.NAME)).getSeqNumber());
            dialog.sendAck(ack);
            String body = new String(fin.getRawContent());
            if (!body.contains("c=IN IP4 127.0.0.88")) {
                throw new AssertionError("callee's SDP did not arrive: " + body);
            }
            hold(dialog);
            // The callee sends INFO the other way through the proxy; we answer it.
            String info = incoming.poll(5, TimeUnit.SECONDS);
            if (!"INFO".equals(info)) {
                throw new AssertionError("expected INFO from the callee, got " + info);
            }
            Thread.sleep(100); // talk a little; the BYE must not overtake our 200 to the INFO
            Request bye = dialog.createRequest(Request.BYE);
            ClientTransaction byeTx = provider.getNewClientTransaction(bye);
            dialog.sendRequest(byeTx);
            Response byeResponse = awaitFinal();
            if (byeResponse.getStatusCode() != Response.OK) {
                throw new AssertionError("BYE got " + byeResponse.getStatusCode());
            }
        }
        return fin.getStatusCode();
    }

    /** Puts the call on hold with a re-INVITE (a=sendonly) and ACKs the callee's answer. */
    private void hold(Dialog dialog) throws Exception {
        Thread.sleep(100);
        Request reinvite = withSdp(dialog.createRequest(Request.INVITE), "127.0.0.77", "a=sendonly\r\n");
        ClientTransaction tx = provider.getNewClientTransaction(reinvite);
        dialog.sendRequest(tx);
        Response ok = awaitFinal();
        if (ok.getStatusCode() != Response.OK || !new String(ok.getRawContent()).contains("a=recvonly")) {
            throw new AssertionError("hold was not accepted: " + ok);
        }
        dialog.sendAck(dialog.createAck(((CSeqHeader) ok.getHeader(CSeqHeader.NAME)).getSeqNumber()));
    }

    private Request withSdp(Request r, String address) throws Exception {
        return withSdp(r, address, "");
    }

    private Request withSdp(Request r, String address, String direction) throws Exception {
        String sdp = "v=0\r\no=phone 1 1 IN IP4 " + address + "\r\ns=-\r\nc=IN IP4 " + address
                + "\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n" + direction;
        ContentTypeHeader ct = headers.createContentTypeHeader("application", "sdp");
        r.setContent(sdp, ct);
        return r;
    }

    private Header answer(Response challenge, String challengeName, String answerName, String method, String uri)
            throws Exception {
        StringBuilder text = new StringBuilder();
        for (var it = challenge.getHeaders(challengeName); it.hasNext(); ) {
            text.append(challengeName).append(": ").append(it.next().toString().substring(challengeName.length() + 1).trim())
                    .append("\r\n");
        }
        String line = RawSipClient.authorization(answerName,
                RawSipClient.challengeFor(new RawSipClient.Reply(challenge.getStatusCode(), "", text.toString()),
                        challengeName, algorithm), algorithm, number, password, method, uri, 1);
        String value = line.substring(answerName.length() + 1).trim();
        return headers.createHeader(answerName, value);
    }

    private Request request(String method, javax.sip.address.URI uri, String toUser, String call) throws Exception {
        Address from = addresses.createAddress(addresses.createSipURI(number, "127.0.0.1"));
        Address to = addresses.createAddress(addresses.createSipURI(toUser, "127.0.0.1"));
        List<ViaHeader> vias = new ArrayList<>();
        vias.add(headers.createViaHeader("127.0.0.1", localPort, transport, null));
        CallIdHeader callIdHeader = headers.createCallIdHeader(call);
        Request r = messages.createRequest(uri, method, callIdHeader, headers.createCSeqHeader(cseq++, method),
                headers.createFromHeader(from, Long.toHexString(System.nanoTime())), headers.createToHeader(to, null),
                vias, headers.createMaxForwardsHeader(70));
        SipURI contact = addresses.createSipURI(number, "127.0.0.1");
        contact.setPort(localPort);
        contact.setTransportParam(transport);
        r.addHeader(headers.createContactHeader(addresses.createAddress(contact)));
        return r;
    }

    private Response send(Request r) throws Exception {
        provider.getNewClientTransaction(r).sendRequest();
        return awaitFinal();
    }

    private Response awaitFinal() throws InterruptedException {
        while (true) {
            Response r = responses.poll(10, TimeUnit.SECONDS);
            if (r == null) {
                throw new AssertionError(number + " got no final response");
            }
            if (r.getStatusCode() >= 200) {
                return r;
            }
        }
    }

    @Override
    public void processRequest(RequestEvent e) {
        Request req = e.getRequest();
        try {
            ServerTransaction tx = e.getServerTransaction();
            switch (req.getMethod()) {
                case Request.INVITE -> {
                    if (tx == null) {
                        tx = provider.getNewServerTransaction(req);
                    }
                    if (((ToHeader) req.getHeader(ToHeader.NAME)).getTag() != null) {
                        // Re-INVITE: the caller puts us on hold.
                        held = true;
                        Response ok = messages.createResponse(Response.OK, req);
                        ok.addHeader(contactHeader());
                        ok.setContent(calleeSdp("a=recvonly\r\n"), headers.createContentTypeHeader("application", "sdp"));
                        tx.sendResponse(ok);
                        return;
                    }
                    incoming.add(new String(req.getRawContent()));
                    Response ringing = messages.createResponse(Response.RINGING, req);
                    ((ToHeader) ringing.getHeader(ToHeader.NAME)).setTag("callee" + localPort);
                    tx.sendResponse(ringing);
                    Response ok = messages.createResponse(Response.OK, req);
                    ((ToHeader) ok.getHeader(ToHeader.NAME)).setTag("callee" + localPort);
                    ok.addHeader(contactHeader());
                    ok.setContent(calleeSdp(""), headers.createContentTypeHeader("application", "sdp"));
                    tx.sendResponse(ok);
                }
                case Request.ACK -> {
                    incoming.add("ACK");
                    if (held) {
                        held = false;
                        Dialog dialog = e.getDialog();
                        Request info = dialog.createRequest(Request.INFO);
                        info.setContent("Signal=5\r\nDuration=160\r\n",
                                headers.createContentTypeHeader("application", "dtmf-relay"));
                        dialog.sendRequest(provider.getNewClientTransaction(info));
                    }
                }
                case Request.INFO -> {
                    incoming.add("INFO");
                    if (tx == null) {
                        tx = provider.getNewServerTransaction(req);
                    }
                    tx.sendResponse(messages.createResponse(Response.OK, req));
                }
                case Request.BYE -> {
                    incoming.add("BYE");
                    if (tx == null) {
                        tx = provider.getNewServerTransaction(req);
                    }
                    tx.sendResponse(messages.createResponse(Response.OK, req));
                }
                default -> {
                }
            }
        } catch (Exception ex) {
            incoming.add("ERROR " + ex);
        }
    }

    private String calleeSdp(String direction) {
        return "v=0\r\no=callee 1 1 IN IP4 127.0.0.88\r\ns=-\r\nc=IN IP4 127.0.0.88\r\nt=0 0\r\n"
                + "m=audio 40002 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n" + direction;
    }

    private ContactHeader contactHeader() throws Exception {
        SipURI contact = addresses.createSipURI(number, "127.0.0.1");
        contact.setPort(localPort);
        contact.setTransportParam(transport);
        return headers.createContactHeader(addresses.createAddress(contact));
    }

    @Override
    public void processResponse(ResponseEvent e) {
        responses.add(e.getResponse());
    }

    @Override
    public void processTimeout(TimeoutEvent e) {
    }

    @Override
    public void processIOException(IOExceptionEvent e) {
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent e) {
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent e) {
    }

    @Override
    public void close() {
        StackShutdown.stop(stack);
        SipNetworkLayer.unregister(stack.getStackName());
    }
}
