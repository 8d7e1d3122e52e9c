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
        @DefaultValue Demo demo,
        @DefaultValue Provisioning provisioning,
        @DefaultValue Conference conference,
        @DefaultValue Video video,
        @DefaultValue Media media,
        @DefaultValue Web web) {

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
     * @param directoryCacheTtl how long the SIP server keeps a directory answer in memory; every
     *                          committed change empties the cache at once, so this only bounds how
     *                          late a change made behind the application's back is seen
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
            @DefaultValue("8") int workerThreads,
            @DefaultValue("60s") Duration directoryCacheTtl) {

        public int effectiveTlsPort() {
            return tlsPort != null ? tlsPort : port + 1;
        }
    }

    /** The UDP range for RTP/RTCP media (the conference bridge takes its ports from it). */
    public record Rtp(
            @DefaultValue("10000") int portMin,
            @DefaultValue("20000") int portMax) {
    }

    /**
     * @param baseUrl the URL phones reach this HTTP service at (e.g. {@code https://10.20.0.5:8443});
     *                empty means {@code http://<SIP advertised address>:<HTTP port>}. The phonebook
     *                URL in the phones' configuration files starts with it.
     */
    public record Provisioning(String baseUrl) {
    }

    /**
     * The audio conference bridge: a SIP user agent on the SIP address that the proxy routes
     * meeting room numbers to.
     *
     * @param enabled    run the bridge
     * @param sipPort    its SIP port (UDP and TCP); empty means {@code govtel.sip.port + 2}
     * @param pinTimeout how long a caller may take to type a PIN before it counts as a wrong one
     * @param rtpTimeout silence (no RTP at all) after which a caller is taken for gone and hung up
     * @param maxParticipants people one meeting may hold; the next caller gets 486
     */
    public record Conference(
            @DefaultValue("true") boolean enabled,
            Integer sipPort,
            @DefaultValue("20s") Duration pinTimeout,
            @DefaultValue("30s") Duration rtpTimeout,
            @DefaultValue("500") int maxParticipants) {

        public int effectiveSipPort(Sip sip) {
            return sipPort != null ? sipPort : sip.port() + 2;
        }
    }

    /**
     * The web server beyond {@code server.*}.
     *
     * @param httpsPort HTTPS beside HTTP, with the SIP TLS certificate; empty means
     *                  {@code server.port + 363} (8080 → 8443, so instances with different
     *                  {@code server.port} values still run side by side; 0 when server.port is 0),
     *                  -1 switches HTTPS off
     */
    public record Web(Integer httpsPort) {

        public int effectiveHttpsPort(int httpPort) {
            if (httpsPort != null) {
                return httpsPort;
            }
            return httpPort == 0 ? 0 : httpPort + 363;
        }
    }

    /**
     * Video meetings in the browser ({@code /meet/NUMBER}), on the conference bridge's rooms and
     * media ports.
     *
     * @param consentTimeout a browser whose ICE consent checks stop for this long leaves the roster
     * @param videoBitrate   the most a venue's camera may send, in bit/s (REMB): a 2 Mbit/s county
     *                       link keeps 1.6 Mbit/s for the meeting, less audio
     * @param port           one UDP port for every browser's media; 0 means a port per browser
     *                       from {@code govtel.rtp.*}
     */
    public record Video(
            @DefaultValue("10s") Duration consentTimeout,
            @DefaultValue("1400000") long videoBitrate,
            @DefaultValue("0") int port) {
    }

    /**
     * Where video meetings' media runs.
     *
     * @param backend {@code embedded}: this node's own WebRTC forwarding; {@code kurento}: rooms
     *                placed on the Kurento Media Server nodes below (this node keeps the meetings)
     * @param mixerRealtimePriority SCHED_RR priority (1-99) of the threads that tick the audio
     *                mixers, so ticks start on time on a busy machine; 0 leaves them at the normal
     *                policy. Needs CAP_SYS_NICE or RLIMIT_RTPRIO; without, a warning and normal policy
     */
    public record Media(
            @DefaultValue("embedded") Backend backend,
            @DefaultValue Kurento kurento,
            @DefaultValue("10") int mixerRealtimePriority) {

        public Media {
            if (mixerRealtimePriority < 0 || mixerRealtimePriority > 99) {
                throw new IllegalArgumentException(
                        "govtel.media.mixer-realtime-priority must be 0-99, not " + mixerRealtimePriority);
            }
        }

        public enum Backend { EMBEDDED, KURENTO }

        /**
         * @param uris             KMS WebSocket addresses, {@code ws://host:8888/kurento}
         * @param connectTimeout   how long to wait for a node before trying the next
         * @param gatheringTimeout how long a node may take to gather its ICE candidates for a venue
         */
        public record Kurento(
                @DefaultValue List<String> uris,
                @DefaultValue("3s") Duration connectTimeout,
                @DefaultValue("3s") Duration gatheringTimeout) {
        }
    }

    /** @param enabled seed the demo directory when the database has no sites yet */
    public record Demo(@DefaultValue("true") boolean enabled) {
    }
}
