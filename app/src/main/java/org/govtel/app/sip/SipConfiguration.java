package org.govtel.app.sip;

import java.time.Clock;
import org.govtel.app.GovtelProperties;
import org.govtel.sip.SipServer;
import org.govtel.sip.SipServerConfig;
import org.govtel.sip.directory.CachingDirectory;
import org.govtel.sip.registrar.BindingStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the SIP server (plain Java, no Spring) to the provisioning database: the directory it
 * authenticates and routes with, and the store that keeps its registrations across restarts.
 */
@Configuration(proxyBeanMethods = false)
class SipConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SipConfiguration.class);

    @Bean
    SipServerConfig sipServerConfig(GovtelProperties properties) {
        GovtelProperties.Sip sip = properties.sip();
        String advertised = AdvertisedAddress.resolve(sip.address(), sip.advertisedAddress());
        // Phones must reach this address; a wrong guess on a multi-homed host shows up here first.
        log.info("SIP advertises {} (bind {}, govtel.sip.advertised-address {})", advertised, sip.address(),
                sip.advertisedAddress() == null ? "not set" : "set");
        return new SipServerConfig(
                sip.address(),
                advertised,
                sip.port(),
                sip.effectiveTlsPort(),
                sip.realm(),
                properties.dataDir(),
                sip.tlsKeystore(),
                sip.tlsKeystorePassword(),
                sip.algorithms(),
                sip.nonceLifetime(),
                sip.minExpires(),
                sip.maxExpires(),
                sip.defaultExpires(),
                sip.maxContactsPerExtension(),
                sip.noAnswerTimeout(),
                sip.maxUdpRequestBytes(),
                sip.workerThreads());
    }

    /**
     * The directory as the SIP server sees it: database answers kept in memory, forgotten after
     * every committed change ({@link DirectoryCacheInvalidation}) and after
     * {@code govtel.sip.directory-cache-ttl} at the latest. The TTL must be longer than the time
     * between two requests of one phone under load: with 20,000 extensions at 4,000 REGISTER/s
     * each one comes back every 5 s, and a 5 s TTL sent almost every request to the database.
     */
    @Bean
    @Primary
    CachingDirectory cachingDirectory(ProvisionedDirectory provisioned, GovtelProperties properties) {
        return new CachingDirectory(provisioned, Clock.systemUTC(), properties.sip().directoryCacheTtl());
    }

    /** Not started here: {@link SipServerLifecycle} starts it once the database is ready. */
    @Bean(destroyMethod = "")
    SipServer sipServer(SipServerConfig config, CachingDirectory directory, BindingStore bindingStore) {
        return new SipServer(config, directory, bindingStore, Clock.systemUTC());
    }
}
