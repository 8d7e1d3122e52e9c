package org.govtel.app.admin;

import org.govtel.app.GovtelProperties;
import org.govtel.provisioning.admin.InitialAdmin;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Creates the first administrator ({@code admin}) on a start with no admin, its generated
 * password in {@code DATA_DIR/initial-admin-password} (owner-only). Runs once the database is
 * migrated and before the HTTP server accepts requests.
 */
@Component
class InitialAdminOnFirstStart implements SmartInitializingSingleton {

    private final GovtelProperties properties;
    private final InitialAdmin initialAdmin;

    InitialAdminOnFirstStart(GovtelProperties properties, InitialAdmin initialAdmin) {
        this.properties = properties;
        this.initialAdmin = initialAdmin;
    }

    @Override
    public void afterSingletonsInstantiated() {
        initialAdmin.createIfNone(properties.dataDir());
    }
}
