package org.govtel.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.govtel.sip.auth.DigestAlgorithm;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Every {@code govtel.*} setting, with its default. docs/configuration.md describes each one;
 * keep the two in step.
 *
 * @param dataDir where the H2 database, the self-signed TLS certificate and the demo password
 *                file live (made absolute at startup, see {@link DataDirEnvironmentPostProcessor})
 */
@ConfigurationProperties("govtel")
public record GovtelProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue Sip sip,
        @DefaultValue Rtp rtp,
        @DefaultValue Demo demo) {

    /**
     * @param address           where SIP sockets listen; 0.0.0.0 means every interface
     * @param advertisedAddress what goes into Via and Record-Route; empty means the bind address,
     *                          or for 0.0.0.0 the host's first non-loopback IPv4 address
     * @param port              UDP and TCP
     * @param tlsPort           TLS; empty means {@code port + 1}
     * @param realm             digest realm; stored password digests are bound to it
     * @param tlsKeystore       PKCS#12 keystore with the server certificate; empty means a
     *                          self-signed certificate made in the data directory
     * @param algorithms        digest algorithms offered in challenges, in order
     * @param noAnswerTimeout   how long an unanswered call rings before the caller gets 480
     * @param workerThreads     JAIN SIP worker threads
     */
    public record Sip(
            @DefaultValue("0.0.0.0") String address,
            String advertisedAddress,
            @DefaultValue("5060") int port,
            Integer tlsPort,
            @DefaultValue("govtel") String realm,
            Path tlsKeystore,
            String tlsKeystorePassword,
            @DefaultValue({"MD5", "SHA-256"}) List<DigestAlgorithm> algorithms,
            @DefaultValue("5m") Duration nonceLifetime,
            @DefaultValue("60") int minExpires,
            @DefaultValue("7200") int maxExpires,
            @DefaultValue("3600") int defaultExpires,
            @DefaultValue("10") int maxContactsPerExtension,
            @DefaultValue("60s") Duration noAnswerTimeout,
            @DefaultValue("16384") int maxUdpRequestBytes,
            @DefaultValue("8") int workerThreads) {

        public int effectiveTlsPort() {
            return tlsPort != null ? tlsPort : port + 1;
        }
    }

    /** The UDP range for RTP/RTCP media; read by the media feature (not used yet). */
    public record Rtp(
            @DefaultValue("10000") int portMin,
            @DefaultValue("20000") int portMax) {
    }

    /** @param enabled seed the demo directory when the database has no sites yet */
    public record Demo(@DefaultValue("true") boolean enabled) {
    }
}
