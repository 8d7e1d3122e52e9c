package org.govtel.sip.testing;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.govtel.sip.auth.DigestAlgorithm;
import org.govtel.sip.directory.CallForwarding;
import org.govtel.sip.directory.Directory;
import org.govtel.sip.directory.ServiceNumber;
import org.govtel.sip.directory.SipAccount;
import org.govtel.sip.directory.Site;

/** A directory held in maps, for tests of the SIP layer without a database. */
public final class InMemoryDirectory implements Directory {

    private final String realm;
    private final Map<String, SipAccount> extensions = new ConcurrentHashMap<>();
    private final Map<String, Site> sites = new ConcurrentHashMap<>();
    private final Map<String, ServiceNumber> services = new ConcurrentHashMap<>();

    public InMemoryDirectory(String realm) {
        this.realm = realm;
    }

    public InMemoryDirectory site(String code, String prefix, int localDigits) {
        sites.put(code, new Site(code, code, prefix, localDigits));
        return this;
    }

    public InMemoryDirectory extension(String number, String password, String siteCode) {
        extensions.put(number, new SipAccount(number, "Ext " + number, siteCode, true,
                DigestAlgorithm.MD5.ha1(number, realm, password), DigestAlgorithm.SHA_256.ha1(number, realm, password)));
        return this;
    }

    public InMemoryDirectory disable(String number) {
        SipAccount a = extensions.get(number);
        extensions.put(number, new SipAccount(a.number(), a.displayName(), a.siteCode(), false, a.ha1Md5(), a.ha1Sha256(),
                a.forwarding()));
        return this;
    }

    public InMemoryDirectory forwarding(String number, CallForwarding forwarding) {
        extensions.computeIfPresent(number, (n, a) -> a.withForwarding(forwarding));
        return this;
    }

    public InMemoryDirectory service(String number, String name, String target) {
        services.put(number, new ServiceNumber(number, "service", name, target));
        return this;
    }

    @Override
    public Optional<SipAccount> findExtension(String number) {
        return Optional.ofNullable(extensions.get(number));
    }

    @Override
    public Optional<SipAccount> findExtensionInMemory(String number) {
        return findExtension(number);
    }

    @Override
    public Optional<Site> findSite(String siteCode) {
        return Optional.ofNullable(sites.get(siteCode));
    }

    @Override
    public Optional<ServiceNumber> findService(String number) {
        return Optional.ofNullable(services.get(number));
    }
}
