package org.govtel.sip;

import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.time.Clock;
import java.util.Properties;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.sip.ListeningPoint;
import javax.sip.SipFactory;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.header.HeaderFactory;
import org.govtel.sip.auth.DigestAuthenticator;
import org.govtel.sip.auth.NonceService;
import org.govtel.sip.dialplan.DialPlan;
import org.govtel.sip.directory.Directory;
import org.govtel.sip.proxy.Proxy;
import org.govtel.sip.proxy.TrustedPeers;
import org.govtel.sip.proxy.UdpChallenges;
import org.govtel.sip.proxy.UdpRelay;
import org.govtel.sip.registrar.BindingStore;
import org.govtel.sip.registrar.LocationService;
import org.govtel.sip.registrar.Registrar;
import org.govtel.sip.registrar.StackRegistrations;
import org.govtel.sip.registrar.UdpRegistrations;
import org.govtel.sip.registrar.WriteBehindBindingStore;
import org.govtel.sip.transport.DatagramTap;
import org.govtel.sip.transport.FlowRouter;
import org.govtel.sip.transport.SipNetworkLayer;
import org.govtel.sip.transport.StackShutdown;
import org.govtel.sip.transport.StrayResponseValve;
import org.govtel.sip.transport.TlsCertificates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SIP registrar + proxy instance: a JAIN SIP stack listening on UDP and TCP on one port and
 * TLS on another, and the application layers on top. Several instances with different ports can
 * run in one JVM (each has its own stack name and keystore).
 */
public final class SipServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SipServer.class);
    /** REGISTER requests over UDP that may wait for a registrar thread (a few seconds' worth at full load). */
    private static final int REGISTER_QUEUE = 20_000;

    private final SipServerConfig config;
    private final Directory directory;
    private final BindingStore durableStore;
    private WriteBehindBindingStore bindingStore;
    private final Clock clock;
    private final TrustedPeers trustedPeers = new TrustedPeers();
    private volatile SipStack stack;
    private ScheduledExecutorService timers;
    private LocationService location;
    private UdpRegistrations udpRegistrations;

    public SipServer(SipServerConfig config, Directory directory, BindingStore bindingStore, Clock clock) {
        this.config = config;
        this.directory = directory;
        this.durableStore = bindingStore;
        this.clock = clock;
    }

    public synchronized void start() throws Exception {
        if (stack != null) {
            throw new IllegalStateException("already started");
        }
        TlsCertificates.Keystore keystore = config.keystore();

        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        HeaderFactory headers = factory.createHeaderFactory();
        DigestAuthenticator auth = new DigestAuthenticator(config.realm(), config.digestAlgorithms(),
                new NonceService(clock, config.nonceLifetime()), headers);
        bindingStore = new WriteBehindBindingStore(durableStore, Integer.toString(config.port()));
        location = new LocationService(clock, bindingStore);
        int restored = location.restore();
        Registrar registrar = new Registrar(location, directory, auth,
                new Registrar.Limits(config.minExpires(), config.maxExpires(), config.defaultExpires(),
                        config.maxContactsPerExtension()), clock);
        udpRegistrations = new UdpRegistrations(registrar, clock, config.maxUdpRequestBytes(),
                Math.max(2, Runtime.getRuntime().availableProcessors()), REGISTER_QUEUE,
                "sip-register-" + config.port());

        // In this order: an ACK for one of our 407s ends at UdpChallenges, any other goes on.
        DatagramTap udpTap = DatagramTap.firstOf(udpRegistrations, new UdpChallenges(auth, directory, trustedPeers),
                new UdpRelay(config.advertisedAddress(), config.port(), config.tlsPort(), location,
                        config.maxUdpRequestBytes(), this::hasServerTransaction));
        stack = factory.createSipStack(stackProperties(keystore, udpTap));
        ListeningPoint udp = stack.createListeningPoint(config.bindAddress(), config.port(), ListeningPoint.UDP);
        ListeningPoint tcp = stack.createListeningPoint(config.bindAddress(), config.port(), ListeningPoint.TCP);
        ListeningPoint tls = stack.createListeningPoint(config.bindAddress(), config.tlsPort(), ListeningPoint.TLS);
        SipProvider provider = stack.createSipProvider(udp);
        provider.addListeningPoint(tcp);
        provider.addListeningPoint(tls);
        provider.setAutomaticDialogSupportEnabled(false);

        SipEndpoint sip = new SipEndpoint(provider, factory.createAddressFactory(), headers,
                factory.createMessageFactory(), config.advertisedAddress(), config.port(), config.tlsPort());
        SipReplies replies = new SipReplies(sip, auth);
        ScheduledThreadPoolExecutor timerThread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "sip-timers-" + config.port());
            t.setDaemon(true);
            return t;
        });
        // Every call arms a no-answer timer and nearly every call is answered first: a cancelled
        // timer must leave the queue at once, not hold its call's state until it would have fired.
        timerThread.setRemoveOnCancelPolicy(true);
        timers = timerThread;
        timers.scheduleWithFixedDelay(this::purgeQuietly, 5, 5, TimeUnit.SECONDS);
        Proxy proxy = new Proxy(sip, replies, location, new DialPlan(directory), directory, auth, timers,
                config.noAnswerTimeout(), trustedPeers);
        provider.addSipListener(new SipDispatcher(sip, replies, new StackRegistrations(sip, replies, registrar),
                proxy, config.maxUdpRequestBytes()));
        StrayResponseValve.register(stackName(), proxy::forwardStrayResponse);
        stack.start();
        log.info("SIP listening on {} udp+tcp {} and tls {} (realm {}, {} bindings restored)",
                config.bindAddress(), config.port(), config.tlsPort(), config.realm(), restored);
    }

    private Properties stackProperties(TlsCertificates.Keystore keystore, DatagramTap udpTap) {
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", stackName());
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        p.setProperty("javax.sip.ROUTER_PATH", FlowRouter.class.getName());
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", Integer.toString(config.workerThreads()));
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        // The stack allocates a receive buffer of this size for every UDP datagram, so it is kept
        // just above the largest request we accept over UDP (anything longer gets 513); it also
        // caps one message on a TCP/TLS stream.
        p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", Integer.toString(config.maxUdpRequestBytes() + 1));
        p.setProperty("gov.nist.javax.sip.CACHE_CLIENT_CONNECTIONS", "true");
        p.setProperty("gov.nist.javax.sip.CACHE_SERVER_CONNECTIONS", "true");
        p.setProperty("gov.nist.javax.sip.DELIVER_UNSOLICITED_NOTIFY", "true");
        p.setProperty("gov.nist.javax.sip.RECEIVE_UDP_BUFFER_SIZE", Integer.toString(4 * 1024 * 1024));
        p.setProperty("gov.nist.javax.sip.SEND_UDP_BUFFER_SIZE", Integer.toString(4 * 1024 * 1024));
        // Under overload, drop requests that waited too long in the receive queue: the phone has
        // retransmitted them by then, and answering stale ones only deepens the backlog.
        p.setProperty("gov.nist.javax.sip.CONGESTION_CONTROL_TIMEOUT", "2000");
        // A finished transaction lingers for its retransmission timer (Timer J: 32 s on UDP), so at
        // 1500 calls/s tens of thousands are alive at once (REGISTER has its own lighter ones:
        // RegisterTransactions). Holding the parsed request and response for each kept over a GB
        // live and the collector busy; released, they are 2 KB each. Nothing in GovTel reads a
        // transaction's request after its final response (the proxy keeps its own).
        p.setProperty("gov.nist.javax.sip.RELEASE_REFERENCES_STRATEGY", "Aggressive");
        // After its final response an INVITE server transaction stays in the table this many
        // seconds (8 by default) to absorb late retransmissions of the INVITE: at 2000 calls/s
        // that kept 17,000 of them alive for the collector to copy. Callers stop retransmitting
        // on our immediate 100 Trying, so 2 s covers those still in flight. A later copy finds no
        // transaction; with qop=auth credentials (what we ask for, and what phones send) it fails
        // the nonce-count replay check, a 403 the caller's finished transaction ignores. Only a
        // copy delayed over 2 s from a phone answering without qop, or from a trusted peer
        // (not authenticated), would start a second call.
        p.setProperty("gov.nist.javax.sip.LINGER_TIMER", "2");
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
        p.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "false");
        p.setProperty("gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE", "Disabled");
        SipNetworkLayer.register(stackName(), keystore, udpTap);
        p.setProperty("gov.nist.javax.sip.NETWORK_LAYER", SipNetworkLayer.class.getName());
        p.setProperty("gov.nist.javax.sip.SIP_MESSAGE_VALVE", StrayResponseValve.class.getName());
        p.setProperty("gov.nist.javax.sip.TLS_CLIENT_PROTOCOLS", TlsCertificates.PROTOCOLS);
        p.setProperty("gov.nist.javax.sip.ENABLED_CIPHER_SUITES", TlsCertificates.CIPHER_SUITES);
        return p;
    }

    /** Whether the stack holds a server transaction with this id (called by the UDP receive thread). */
    private boolean hasServerTransaction(String transactionId) {
        return stack instanceof SIPTransactionStack transactions
                && transactions.findTransaction(transactionId, true) != null;
    }

    private String stackName() {
        return "govtel-" + config.bindAddress() + "-" + config.port();
    }

    private void purgeQuietly() {
        try {
            location.purgeExpired();
        } catch (RuntimeException e) {
            log.warn("Purging expired bindings failed: {}", e.toString());
        }
    }

    /** Our own components whose requests are routed without credentials (the conference bridge's dial-out). */
    public TrustedPeers trustedPeers() {
        return trustedPeers;
    }

    public LocationService location() {
        return location;
    }

    /** Writes binding changes still waiting for the database (they are written within 100 ms anyway). */
    public void flushBindings() {
        bindingStore.flush();
    }

    public SipServerConfig config() {
        return config;
    }

    @Override
    public synchronized void close() {
        if (timers != null) {
            timers.shutdownNow();
        }
        if (stack != null) {
            StackShutdown.stop(stack);
            stack = null;
            SipNetworkLayer.unregister(stackName());
            StrayResponseValve.unregister(stackName());
        }
        if (udpRegistrations != null) {
            udpRegistrations.close();
        }
        if (bindingStore != null) {
            bindingStore.close();
        }
    }
}
