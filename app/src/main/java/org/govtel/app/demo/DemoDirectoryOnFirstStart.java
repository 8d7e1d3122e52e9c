package org.govtel.app.demo;

import org.govtel.app.GovtelProperties;
import org.govtel.provisioning.demo.DemoDirectorySeeder;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Seeds the demo directory on a first start (empty database) so two phones can register and
 * call at once. Runs when all singletons exist (the database is migrated by then) and before
 * any lifecycle bean starts, so the SIP server never serves an empty directory.
 */
@Component
class DemoDirectoryOnFirstStart implements SmartInitializingSingleton {

    private final GovtelProperties properties;
    private final DemoDirectorySeeder seeder;

    DemoDirectoryOnFirstStart(GovtelProperties properties, DemoDirectorySeeder seeder) {
        this.properties = properties;
        this.seeder = seeder;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (properties.demo().enabled()) {
            seeder.seedIfEmpty(properties.dataDir(), properties.sip().realm());
        }
    }
}
