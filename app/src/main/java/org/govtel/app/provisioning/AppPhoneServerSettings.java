package org.govtel.app.provisioning;

import org.govtel.app.GovtelProperties;
import org.govtel.provisioning.phoneconfig.PhoneServerSettings;
import org.govtel.sip.SipServerConfig;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * What phone configuration files say about this server: the SIP address and ports the SIP server
 * advertises, and the HTTP base URL ({@code govtel.provisioning.base-url}, or the advertised
 * address with the HTTP port the server actually listens on).
 */
@Component
class AppPhoneServerSettings implements PhoneServerSettings {

    private final SipServerConfig sip;
    private final GovtelProperties properties;
    private final Environment environment;

    AppPhoneServerSettings(SipServerConfig sip, GovtelProperties properties, Environment environment) {
        this.sip = sip;
        this.properties = properties;
        this.environment = environment;
    }

    @Override
    public String sipHost() {
        return sip.advertisedAddress();
    }

    @Override
    public int udpPort() {
        return sip.port();
    }

    @Override
    public int tlsPort() {
        return sip.tlsPort();
    }

    @Override
    public String provisioningBaseUrl() {
        String configured = properties.provisioning().baseUrl();
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        // local.server.port is the bound port (server.port=0 picks a free one), known once the
        // web server runs, which is before any phone can ask.
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        String host = sip.advertisedAddress();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
