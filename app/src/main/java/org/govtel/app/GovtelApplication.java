package org.govtel.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * GovTel in one process: the provisioning database and the SIP registrar/proxy, with HTTP for
 * health (and later the admin UI and API). Run with {@code java -jar govtel.jar}; every setting
 * is a {@code --govtel.*} argument, see docs/configuration.md.
 */
@SpringBootApplication(scanBasePackages = {"org.govtel.app", "org.govtel.provisioning"})
@EnableConfigurationProperties(GovtelProperties.class)
public class GovtelApplication {

    public static void main(String[] args) {
        keepIce4jOffTheNetwork();
        SpringApplication.run(GovtelApplication.class, args);
    }

    /**
     * ice4j (used by the media feature) otherwise asks a cloud metadata address and STUN servers
     * for a public address on its first harvest (STACK.md trap 1). This is a private network:
     * nothing may leave it. Set before any class of ice4j can load.
     */
    static void keepIce4jOffTheNetwork() {
        System.setProperty("ice4j.harvest.mapping.aws.enabled", "false");
        System.setProperty("ice4j.harvest.mapping.stun.disabled", "true");
    }
}
