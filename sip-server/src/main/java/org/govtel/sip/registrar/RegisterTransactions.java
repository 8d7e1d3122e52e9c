package org.govtel.sip.registrar;

import static gov.nist.javax.sip.SIPConstants.BRANCH_MAGIC_COOKIE_LOWER_CASE;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.TransactionState;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server transactions of REGISTER over UDP (RFC 3261 §17.2.2), kept small.
 *
 * <p>A finished non-INVITE transaction has to stay for Timer J (64*T1 = 32 s) to answer the
 * phone's retransmissions with the same final response. At 4000 REGISTER/s 100,000 of them are
 * alive at once, and the JAIN SIP stack's transaction is some thirty objects and a timer task
 * each, all copied and marked by the collector again and again.
 * Here one is an entry in a map: the encoded final response and the time, evicted in arrival
 * order once Timer J has passed. A retransmission arriving while the first copy is still being
 * processed is absorbed (§17.2.2, Trying state); one arriving later gets the stored response.
 */
public final class RegisterTransactions {

    private static final Logger log = LoggerFactory.getLogger(RegisterTransactions.class);
    static final Duration TIMER_J = Duration.ofSeconds(32);

    /** One transaction: its start, and its final response once there is one. */
    private record Entry(long startedMillis, byte[] finalResponse) { }

    private final SipProvider provider;
    private final MessageFactory messages;
    private final Clock clock;
    private final Map<String, Entry> transactions = new LinkedHashMap<>();

    public RegisterTransactions(SipProvider provider, MessageFactory messages, Clock clock) {
        this.provider = provider;
        this.messages = messages;
        this.clock = clock;
    }

    /** Whether this layer keeps the request's transaction: a REGISTER over UDP with an RFC 3261 branch. */
    public static boolean handles(Request request) {
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        return Request.REGISTER.equals(request.getMethod()) && via != null && via.getBranch() != null
                && "UDP".equalsIgnoreCase(via.getTransport())
                && via.getBranch().regionMatches(true, 0, BRANCH_MAGIC_COOKIE_LOWER_CASE, 0,
                        BRANCH_MAGIC_COOKIE_LOWER_CASE.length());
    }

    /**
     * The new transaction of this request, or empty when the request is a retransmission of one
     * still kept (it has then been answered or absorbed here).
     */
    public Optional<ServerTransaction> begin(Request request) {
        String key = keyOf(request);
        long now = clock.millis();
        Entry existing;
        synchronized (this) {
            evict(now);
            existing = transactions.get(key);
            if (existing == null) {
                transactions.put(key, new Entry(now, null));
                return Optional.of(new Transaction(key, request));
            }
        }
        if (existing.finalResponse() != null) {
            resend(existing.finalResponse());
        }
        return Optional.empty();
    }

    /** Transactions kept now (for tests and monitoring). */
    synchronized int size() {
        evict(clock.millis());
        return transactions.size();
    }

    /** §17.2.3: the branch and the sent-by of the top Via identify the transaction (the method is REGISTER). */
    private static String keyOf(Request request) {
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        return via.getBranch().toLowerCase(Locale.ROOT) + '|' + via.getHost() + ':' + via.getPort();
    }

    private void evict(long now) {
        long oldest = now - TIMER_J.toMillis();
        Iterator<Entry> it = transactions.values().iterator();
        while (it.hasNext() && it.next().startedMillis() <= oldest) {
            it.remove();
        }
    }

    private synchronized void complete(String key, Response response) {
        Entry entry = transactions.get(key);
        if (entry != null) {
            transactions.put(key, new Entry(entry.startedMillis(),
                    response.toString().getBytes(StandardCharsets.UTF_8)));
        }
    }

    private void resend(byte[] finalResponse) {
        try {
            provider.sendResponse(messages.createResponse(new String(finalResponse, StandardCharsets.UTF_8)));
        } catch (ParseException | SipException | RuntimeException e) {
            log.debug("Could not resend a REGISTER response: {}", e.toString());
        }
    }

    /** The transaction handed to the registrar: responses go out statelessly and the final one is kept. */
    private final class Transaction implements ServerTransaction {
        private final String key;
        private final Request request;
        private volatile TransactionState state = TransactionState.TRYING;
        private Object applicationData;

        Transaction(String key, Request request) {
            this.key = key;
            this.request = request;
        }

        @Override
        public void sendResponse(Response response) throws SipException, InvalidArgumentException {
            provider.sendResponse(response);
            if (response.getStatusCode() >= 200) {
                state = TransactionState.COMPLETED;
                complete(key, response);
            }
        }

        @Override
        public void enableRetransmissionAlerts() {
            throw new UnsupportedOperationException("only INVITE server transactions alert retransmissions");
        }

        @Override
        public Dialog getDialog() {
            return null;
        }

        @Override
        public TransactionState getState() {
            return state;
        }

        @Override
        public int getRetransmitTimer() {
            throw new UnsupportedOperationException("a server transaction over UDP does not retransmit");
        }

        @Override
        public void setRetransmitTimer(int retransmitTimer) {
            throw new UnsupportedOperationException("a server transaction over UDP does not retransmit");
        }

        @Override
        public String getBranchId() {
            return ((ViaHeader) request.getHeader(ViaHeader.NAME)).getBranch();
        }

        @Override
        public Request getRequest() {
            return request;
        }

        @Override
        public void setApplicationData(Object applicationData) {
            this.applicationData = applicationData;
        }

        @Override
        public Object getApplicationData() {
            return applicationData;
        }

        @Override
        public void terminate() {
            state = TransactionState.TERMINATED;
        }
    }
}
