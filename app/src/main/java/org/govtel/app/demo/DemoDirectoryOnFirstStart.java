package org.govtel.app.demo;

import org.govtel.app.GovtelProperties;
import org.govtel.provisioning.demo.DemoDirectorySeeder;
import org.govtel.provisioning.room.DemoRoomSeeder;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Seeds the demo directory and the demo meeting room on a first start (empty database) so two
 * phones can register, call each other and meet in a conference at once. Runs when all singletons exist (the database is migrated by then) and before
 * any lifecycle bean starts, so the SIP server never serves an empty directory.
 */
@Component
class DemoDirectoryOnFirstStart implements SmartInitializingSingleton {

    private final GovtelProperties properties;
    private final DemoDirectorySeeder seeder;
    private final DemoRoomSeeder rooms;

    DemoDirectoryOnFirstStart(GovtelProperties properties, DemoDirectorySeeder seeder, DemoRoomSeeder rooms) {
        this.properties = properties;
        this.seeder = seeder;
        this.rooms = rooms;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (properties.demo().enabled()) {
            seeder.seedIfEmpty(properties.dataDir(), properties.sip().realm());
            rooms.seedIfNone(properties.dataDir());
        }
    }
}
