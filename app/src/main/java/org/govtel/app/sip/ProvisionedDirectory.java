package org.govtel.app.sip;

import java.util.Optional;
import org.govtel.conference.bridge.BridgeConfig;
import org.govtel.provisioning.extension.ExtensionRepository;
import org.govtel.provisioning.room.RoomRepository;
import org.govtel.provisioning.servicenumber.ServiceNumberRepository;
import org.govtel.provisioning.site.SiteRepository;
import org.govtel.sip.directory.CallForwarding;
import org.govtel.sip.directory.Directory;
import org.govtel.sip.directory.ServiceNumber;
import org.govtel.sip.directory.SipAccount;
import org.govtel.sip.directory.Site;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The SIP server's directory, read straight from the provisioning database on every request:
 * an extension an administrator adds or disables is seen by the next REGISTER or INVITE.
 */
@Component
class ProvisionedDirectory implements Directory {

    private final ExtensionRepository extensions;
    private final SiteRepository sites;
    private final ServiceNumberRepository services;
    private final ObjectProvider<BridgeConfig> bridge;

    ProvisionedDirectory(ExtensionRepository extensions, SiteRepository sites, ServiceNumberRepository services,
                         ObjectProvider<BridgeConfig> bridge) {
        this.extensions = extensions;
        this.sites = sites;
        this.services = services;
        this.bridge = bridge;
    }

    @Override
    public Optional<SipAccount> findExtension(String number) {
        return extensions.findByNumber(number).map(e -> new SipAccount(e.number(), e.displayName(), e.siteCode(),
                e.enabled(), e.secrets().ha1Md5(), e.secrets().ha1Sha256(), new CallForwarding(
                        e.forwarding().always(), e.forwarding().busy(), e.forwarding().noAnswer())));
    }

    @Override
    public Optional<Site> findSite(String siteCode) {
        return sites.findByCode(siteCode).map(s -> new Site(s.code(), s.nameZh(), s.numberPrefix(), s.localDigits()));
    }

    /**
     * A meeting room's number goes to the conference bridge at its runtime address; with the bridge
     * switched off it goes nowhere (an empty target: the caller hears 480).
     */
    @Override
    public Optional<ServiceNumber> findService(String number) {
        return services.findByNumber(number).map(s -> new ServiceNumber(s.number(), s.kind().dbValue(), s.nameZh(),
                RoomRepository.BRIDGE_TARGET.equals(s.targetUri()) ? roomUri(s.number()) : s.targetUri()));
    }

    private String roomUri(String roomNumber) {
        BridgeConfig config = bridge.getIfAvailable();
        return config == null ? "" : config.roomUri(roomNumber);
    }
}
