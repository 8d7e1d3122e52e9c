package org.govtel.app.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.catalina.connector.Connector;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.govtel.app.GovtelProperties;
import org.govtel.sip.SipServerConfig;
import org.govtel.sip.transport.TlsCertificates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * HTTPS beside HTTP, with the certificate the SIP server uses for TLS (the configured keystore, or
 * the self-signed one in the data directory). Browsers only give a page the camera and microphone
 * over HTTPS (or on the machine itself), so the video meeting page needs it. The bound port is
 * published as {@code local.https.port}.
 */
@Configuration(proxyBeanMethods = false)
class HttpsConnector {

    private static final Logger log = LoggerFactory.getLogger(HttpsConnector.class);

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> addHttpsConnector(GovtelProperties properties,
                                                                               ServerProperties server,
                                                                               SipServerConfig sip) {
        return factory -> {
            int port = properties.web().effectiveHttpsPort(server.getPort() == null ? 8080 : server.getPort());
            if (port < 0) {
                return;
            }
            TlsCertificates.Keystore keystore;
            try {
                keystore = sip.keystore();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open the TLS keystore for HTTPS", e);
            }
            Connector connector = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
            connector.setScheme("https");
            connector.setSecure(true);
            connector.setPort(port);
            if (server.getAddress() != null) {
                connector.setProperty("address", server.getAddress().getHostAddress());
            }
            SSLHostConfig ssl = new SSLHostConfig();
            ssl.setProtocols("TLSv1.2+TLSv1.3");
            SSLHostConfigCertificate certificate = new SSLHostConfigCertificate(ssl,
                    SSLHostConfigCertificate.Type.UNDEFINED);
            certificate.setCertificateKeystoreFile(keystore.path().toAbsolutePath().toString());
            certificate.setCertificateKeystorePassword(keystore.password());
            certificate.setCertificateKeystoreType("PKCS12");
            ssl.addCertificate(certificate);
            connector.addSslHostConfig(ssl);
            connector.setProperty("SSLEnabled", "true");
            factory.addAdditionalTomcatConnectors(connector);
        };
    }

    @Bean
    ApplicationListener<WebServerInitializedEvent> httpsPortPublisher(ConfigurableEnvironment environment) {
        return event -> {
            if (!(event.getWebServer() instanceof TomcatWebServer tomcat)) {
                return;
            }
            for (Connector connector : tomcat.getTomcat().getService().findConnectors()) {
                if (connector.getSecure() && "https".equals(connector.getScheme())) {
                    int port = connector.getLocalPort();
                    environment.getPropertySources().addFirst(
                            new MapPropertySource("govtel-https", Map.of("local.https.port", port)));
                    log.info("HTTPS on port {} (video meetings: https://HOST:{}/meet/NUMBER)", port, port);
                }
            }
        };
    }
}
