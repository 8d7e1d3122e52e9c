package org.govtel.app.conference;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.govtel.app.GovtelProperties;
import org.govtel.conference.bridge.BridgeConfig;
import org.govtel.conference.bridge.BridgeMedia;
import org.govtel.conference.bridge.BridgeUserAgent;
import org.govtel.conference.bridge.LegBridgeMedia;
import org.govtel.conference.bridge.MeetingDialer;
import org.govtel.conference.meeting.Meetings;
import org.govtel.conference.prompt.Prompts;
import org.govtel.conference.room.RoomDirectory;
import org.govtel.sip.SipServer;
import org.govtel.sip.SipServerConfig;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/**
 * The audio conference bridge (plain Java, no Spring) wired into the application: its SIP user
 * agent on the SIP address at {@code govtel.conference.sip-port}, RTP from {@code govtel.rtp.*},
 * rooms from the provisioning database, and the meetings' REST API and event stream.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "govtel.conference", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableWebSocket
class ConferenceConfiguration implements WebSocketConfigurer {

    private final Meetings meetings = new Meetings(Clock.systemUTC());
    private final ObjectMapper json;

    ConferenceConfiguration(ObjectMapper json) {
        this.json = json;
    }

    @Bean
    BridgeConfig bridgeConfig(GovtelProperties properties, SipServerConfig sip) {
        return new BridgeConfig(sip.bindAddress(), sip.advertisedAddress(),
                properties.conference().effectiveSipPort(properties.sip()), properties.rtp().portMin(),
                properties.rtp().portMax(), properties.conference().pinTimeout(), sip.advertisedAddress(), sip.port(),
                properties.conference().rtpTimeout(), properties.conference().maxParticipants(),
                properties.media().mixerRealtimePriority());
    }

    @Bean
    Meetings meetings() {
        return meetings;
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService conferenceTimers() {
        return Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "conference-timers");
            t.setDaemon(true);
            return t;
        });
    }

    @Bean
    Prompts prompts() {
        return new Prompts();
    }

    @Bean(destroyMethod = "close")
    LegBridgeMedia bridgeMedia(BridgeConfig config) {
        return new LegBridgeMedia(config);
    }

    /** Not started here: {@link BridgeLifecycle} starts it with the SIP server. */
    @Bean(destroyMethod = "")
    BridgeUserAgent bridgeUserAgent(BridgeConfig config, RoomDirectory rooms, Meetings meetings, BridgeMedia media,
                                    Prompts prompts, ScheduledExecutorService conferenceTimers) {
        return new BridgeUserAgent(config, rooms, meetings, media, prompts, Clock.systemUTC(), conferenceTimers);
    }

    @Bean
    MeetingDialer meetingDialer(BridgeUserAgent bridge, RoomDirectory rooms, ScheduledExecutorService conferenceTimers) {
        return new MeetingDialer(bridge, rooms, meetings, Clock.systemUTC(), conferenceTimers);
    }

    @Bean
    BridgeLifecycle bridgeLifecycle(BridgeUserAgent bridge, SipServer sip) {
        return new BridgeLifecycle(bridge, sip);
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(new MeetingEventsSocket(meetings, json), "/api/meetings/events");
    }
}
