package org.govtel.app.video;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import org.govtel.app.GovtelProperties;
import org.govtel.conference.bridge.LegBridgeMedia;
import org.govtel.conference.room.RoomDirectory;
import org.govtel.conference.video.KurentoNodes;
import org.govtel.conference.video.RemoteMediaNodes;
import org.govtel.conference.video.VideoRooms;
import org.govtel.media.leg.LegResources;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/**
 * Video meetings in the browser: the page {@code /meet/NUMBER}, its signalling WebSocket
 * {@code /meet/signal}, and the {@link VideoRooms} media (on the bridge's event loops and ports).
 * Meeting-room kiosks are not admins, so {@code /meet/**} has its own security chain: no login, the
 * chair proves itself with the room's moderator PIN over the signalling channel.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "govtel.conference", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableWebSocket
class VideoConfiguration implements WebSocketConfigurer {

    private final VideoSignalingSocket socket;

    VideoConfiguration(ObjectMapper json) {
        this.socket = new VideoSignalingSocket(json);
    }

    @Bean(destroyMethod = "close")
    VideoRooms videoRooms(RoomDirectory rooms, LegBridgeMedia bridgeMedia, GovtelProperties properties,
                          ScheduledExecutorService conferenceTimers) {
        LegResources media = bridgeMedia.resources();
        GovtelProperties.Video video = properties.video();
        VideoRooms videoRooms = new VideoRooms(rooms, bridgeMedia, media.group(), media.ports(),
                new VideoRooms.Config(media.localAddress(), video.consentTimeout(), video.videoBitrate(), video.port()),
                Clock.systemUTC(), conferenceTimers, mediaNodes(properties, bridgeMedia));
        socket.attach(videoRooms);
        return videoRooms;
    }

    /**
     * Kurento nodes when {@code govtel.media.backend=kurento} (each room's audio joined to the
     * bridge's mix of the same number, so phones and browsers hear each other); null for this
     * node's own forwarding.
     */
    private static RemoteMediaNodes mediaNodes(GovtelProperties properties, LegBridgeMedia phones) {
        GovtelProperties.Media media = properties.media();
        if (media.backend() != GovtelProperties.Media.Backend.KURENTO) {
            return null;
        }
        GovtelProperties.Media.Kurento kurento = media.kurento();
        return new KurentoNodes(new KurentoNodes.Config(kurento.uris(), kurento.connectTimeout(),
                kurento.gatheringTimeout(), properties.video().videoBitrate()), Clock.systemUTC(), phones);
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(socket, "/meet/signal");
    }

    /** Ahead of the admin chains: the meeting page and its signalling are open to the network. */
    @Bean
    @Order(0)
    SecurityFilterChain meetChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/meet/**")
                .authorizeHttpRequests(a -> a.requestMatchers(HttpMethod.GET, "/meet/**").permitAll()
                        .anyRequest().denyAll())
                .csrf(c -> c.disable())
                .headers(h -> h.addHeaderWriter(new StaticHeadersWriter("Content-Security-Policy",
                        "default-src 'self'; connect-src 'self'; media-src 'self' blob: mediastream:; "
                                + "img-src 'self' data:; frame-ancestors 'none'; base-uri 'self'")));
        return http.build();
    }
}
