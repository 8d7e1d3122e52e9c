package org.govtel.sip;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.govtel.sip.auth.DigestAlgorithm;
import org.govtel.sip.transport.TlsCertificates;

/**
 * Settings of one SIP server instance. {@code bindAddress} is where sockets listen;
 * {@code advertisedAddress} is what goes into Via and Record-Route (they differ when binding
 * to 0.0.0.0). {@code tlsKeystore} null means a self-signed certificate in {@code dataDir}.
 */
public record SipServerConfig(
        String bindAddress,
        String advertisedAddress,
        int port,
        int tlsPort,
        String realm,
        Path dataDir,
        Path tlsKeystore,
        String tlsKeystorePassword,
        List<DigestAlgorithm> digestAlgorithms,
        Duration nonceLifetime,
        int minExpires,
        int maxExpires,
        int defaultExpires,
        int maxContactsPerExtension,
        Duration noAnswerTimeout,
        int maxUdpRequestBytes,
        int workerThreads) {

    public SipServerConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(advertisedAddress, "advertisedAddress");
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(dataDir, "dataDir");
        if (port <= 0 || port > 65535 || tlsPort <= 0 || tlsPort > 65535 || port == tlsPort) {
            throw new IllegalArgumentException("SIP port and TLS port must be distinct ports in 1..65535");
        }
        if (minExpires <= 0 || maxExpires < minExpires || defaultExpires < minExpires || defaultExpires > maxExpires) {
            throw new IllegalArgumentException("need 0 < minExpires <= defaultExpires <= maxExpires");
        }
        digestAlgorithms = List.copyOf(digestAlgorithms);
    }

    /** Sensible defaults on the given address and port, TLS on port + 1. */
    public static SipServerConfig defaults(String address, int port, Path dataDir) {
        return new SipServerConfig(address, address, port, port + 1, "govtel", dataDir, null, null,
                List.of(DigestAlgorithm.MD5, DigestAlgorithm.SHA_256), Duration.ofMinutes(5),
                60, 7200, 3600, 10, Duration.ofSeconds(60), 16 * 1024, 8);
    }

    public SipServerConfig withNoAnswerTimeout(Duration timeout) {
        return new SipServerConfig(bindAddress, advertisedAddress, port, tlsPort, realm, dataDir, tlsKeystore,
                tlsKeystorePassword, digestAlgorithms, nonceLifetime, minExpires, maxExpires, defaultExpires,
                maxContactsPerExtension, timeout, maxUdpRequestBytes, workerThreads);
    }

    public SipServerConfig withDigestAlgorithms(List<DigestAlgorithm> algorithms) {
        return new SipServerConfig(bindAddress, advertisedAddress, port, tlsPort, realm, dataDir, tlsKeystore,
                tlsKeystorePassword, algorithms, nonceLifetime, minExpires, maxExpires, defaultExpires,
                maxContactsPerExtension, noAnswerTimeout, maxUdpRequestBytes, workerThreads);
    }

    /**
     * The TLS identity: the configured keystore, or the self-signed one in the data directory
     * (made on first use). SIP over TLS and the web server's HTTPS share it.
     */
    public TlsCertificates.Keystore keystore() throws IOException {
        return tlsKeystore != null
                ? TlsCertificates.configured(tlsKeystore, tlsKeystorePassword)
                : TlsCertificates.selfSigned(dataDir, advertisedAddress);
    }
}
