package org.govtel.sip.transport;

import gov.nist.core.net.NetworkLayer;
import gov.nist.javax.sip.SipStackImpl;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Sockets for the JAIN SIP stack: TLS ones with our identity, and a UDP listening socket that
 * lets a {@link DatagramTap} take datagrams before the stack parses them. The stack instantiates
 * this class by name with no arguments, so the keystore and tap of each stack are handed over
 * through {@link #register(String, TlsCertificates.Keystore, DatagramTap)} under the stack's name.
 *
 * <p>Desk phones present self-signed certificates (or none), so when the proxy itself has to
 * open a TLS connection to a phone it does not verify the phone's certificate: the phone is
 * authenticated by SIP digest, and the connection still encrypts the call signalling. This is
 * the usual setting of SIP proxies on a private network (Kamailio's verify_certificate=no).
 */
public final class SipNetworkLayer implements NetworkLayer {

    private static final Map<String, TlsCertificates.Keystore> KEYSTORES = new ConcurrentHashMap<>();
    private static final Map<String, DatagramTap> TAPS = new ConcurrentHashMap<>();
    private static final int CONNECT_TIMEOUT_MS = 8000;

    private SSLContext context;
    private String stackName;

    public static void register(String stackName, TlsCertificates.Keystore keystore) {
        register(stackName, keystore, DatagramTap.NONE);
    }

    public static void register(String stackName, TlsCertificates.Keystore keystore, DatagramTap tap) {
        KEYSTORES.put(stackName, keystore);
        TAPS.put(stackName, tap);
    }

    public static void unregister(String stackName) {
        KEYSTORES.remove(stackName);
        TAPS.remove(stackName);
    }

    @Override
    public void setSipStack(SipStackImpl stack) {
        TlsCertificates.Keystore keystore = KEYSTORES.get(stack.getStackName());
        if (keystore == null) {
            throw new IllegalStateException("no TLS keystore registered for SIP stack " + stack.getStackName());
        }
        stackName = stack.getStackName();
        try (InputStream in = Files.newInputStream(keystore.path())) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, keystore.password().toCharArray());
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, keystore.password().toCharArray());
            context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), new TrustManager[] {new PhoneCertificates()}, new SecureRandom());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load SIP TLS keystore " + keystore.path(), e);
        }
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        return new ServerSocket(port, backlog, bindAddress);
    }

    @Override
    public Socket createSocket(InetAddress address, int port) throws IOException {
        return createSocket(address, port, null);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress) throws IOException {
        Socket s = new Socket();
        if (localAddress != null) {
            s.bind(new InetSocketAddress(localAddress, 0));
        }
        s.connect(new InetSocketAddress(address, port), CONNECT_TIMEOUT_MS);
        return s;
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        Socket s = new Socket();
        if (localAddress != null) {
            s.bind(new InetSocketAddress(localAddress, localPort));
        }
        s.connect(new InetSocketAddress(address, port), CONNECT_TIMEOUT_MS);
        return s;
    }

    @Override
    public DatagramSocket createDatagramSocket() throws SocketException {
        return new DatagramSocket();
    }

    @Override
    public DatagramSocket createDatagramSocket(int port, InetAddress laddr) throws SocketException {
        // The stack asks for a bound datagram socket only for a UDP listening point. The tap is
        // looked up now, not when the stack was made: SipFactory hands a restarted server in the
        // same JVM the stack object (and this layer) of the server it replaces.
        DatagramTap tap = TAPS.getOrDefault(stackName, DatagramTap.NONE);
        return tap == DatagramTap.NONE ? new DatagramSocket(port, laddr) : new TappedDatagramSocket(port, laddr, tap);
    }

    @Override
    public SSLServerSocket createSSLServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        return (SSLServerSocket) context.getServerSocketFactory().createServerSocket(port, backlog, bindAddress);
    }

    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port) throws IOException {
        return createSSLSocket(address, port, null);
    }

    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port, InetAddress myAddress) throws IOException {
        SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket();
        if (myAddress != null) {
            s.bind(new InetSocketAddress(myAddress, 0));
        }
        s.connect(new InetSocketAddress(address, port), CONNECT_TIMEOUT_MS);
        return s;
    }

    /** Accepts the certificate a phone presents; see the class comment for why. */
    private static final class PhoneCertificates implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
