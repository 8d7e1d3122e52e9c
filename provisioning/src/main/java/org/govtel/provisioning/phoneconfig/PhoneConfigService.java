package org.govtel.provisioning.phoneconfig;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.govtel.provisioning.device.Device;
import org.govtel.provisioning.device.DeviceRepository;
import org.govtel.provisioning.extension.Extension;
import org.govtel.provisioning.extension.ExtensionRepository;
import org.govtel.provisioning.secret.SipSecretCipher;
import org.govtel.provisioning.site.Site;
import org.govtel.provisioning.site.SiteRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The configuration file of one device, in its vendor's format: the SIP server (address, the port
 * for the device's transport), its lines (extension number as user and authentication name,
 * display name, the SIP password decrypted from its stored copy), the time zone and language of
 * the device's site, and the remote phonebook with the device's own credentials.
 */
@Service
@Transactional(readOnly = true)
public class PhoneConfigService {

    /** A rendered file and its media type. */
    public record Rendered(String contentType, String body) { }

    /** The SIP server as the device's lines use it. */
    public record Server(String host, int port, String transport) { }

    /**
     * One line of the device. {@code password} is null when there is none to give (a disabled
     * extension, or one whose password predates the stored copy): the key is then left out.
     */
    public record Line(int index, String number, String displayName, String password, boolean enabled) { }

    static final String TEXT = "text/plain;charset=UTF-8";
    static final String XML = "application/xml;charset=UTF-8";
    /** Grandstream line numbers the template knows the P-values of (accounts 1 to 4). */
    static final int GRANDSTREAM_LINES = 4;

    private static final Logger log = LoggerFactory.getLogger(PhoneConfigService.class);

    private final DeviceRepository devices;
    private final ExtensionRepository extensions;
    private final SiteRepository sites;
    private final SipSecretCipher cipher;
    private final PhoneServerSettings server;
    private final PhoneTemplates templates;
    private final Clock clock;

    public PhoneConfigService(DeviceRepository devices, ExtensionRepository extensions, SiteRepository sites,
                              SipSecretCipher cipher, PhoneServerSettings server, PhoneTemplates templates, Clock clock) {
        this.devices = devices;
        this.extensions = extensions;
        this.sites = sites;
        this.cipher = cipher;
        this.server = server;
        this.templates = templates;
        this.clock = clock;
    }

    /** The device's configuration file (Polycom: its master configuration file). */
    public Rendered deviceConfig(DeviceAuthentication who) {
        Device device = devices.findById(who.deviceId()).orElseThrow();
        Map<String, Object> v = variables(device, who);
        switch (device.vendor()) {
            case "yealink":
                return new Rendered(TEXT, templates.render("yealink.cfg", v));
            case "fanvil":
                // Fanvil's text format uses CRLF line ends.
                return new Rendered(TEXT, templates.render("fanvil.cfg", v).replace("\r\n", "\n").replace("\n", "\r\n"));
            case "grandstream":
                return new Rendered(XML, templates.render("grandstream.xml", v));
            case "polycom":
                return new Rendered(XML, templates.render("polycom-master.xml", v));
            default:
                throw new IllegalStateException("device " + device.id() + " has unknown vendor " + device.vendor());
        }
    }

    /** The Polycom configuration file the master file names; empty for a device of another vendor. */
    public Optional<Rendered> polycomConfig(DeviceAuthentication who) {
        Device device = devices.findById(who.deviceId()).orElseThrow();
        if (!"polycom".equals(device.vendor())) {
            return Optional.empty();
        }
        return Optional.of(new Rendered(XML, templates.render("polycom-phone.xml", variables(device, who))));
    }

    private Map<String, Object> variables(Device device, DeviceAuthentication who) {
        Site site = sites.findById(device.siteId()).orElseThrow();
        ZoneOffset offset = ZoneId.of(site.timeZone()).getRules().getOffset(clock.instant());
        String language = site.phoneLanguage();
        String transport = device.transport();
        List<Line> lines = lines(device);

        Map<String, Object> v = new HashMap<>();
        v.put("mac", device.mac());
        v.put("server", new Server(TextValues.singleLine(server.sipHost()),
                "tls".equals(transport) ? server.tlsPort() : server.udpPort(), transport));
        v.put("lines", lines);
        Map<String, Line> byNumber = new LinkedHashMap<>();
        lines.forEach(l -> byNumber.put(Integer.toString(l.index()), l));
        v.put("line", byNumber);
        String phonebookName = "en".equals(language) ? "GovTel directory" : "GovTel 通讯录";
        v.put("phonebookName", phonebookName);

        switch (device.vendor()) {
            case "yealink":
                v.put("transport", VendorNotation.yealinkTransport(transport));
                v.put("timeZone", VendorNotation.yealinkTimeZone(offset));
                v.put("timeZoneName", VendorNotation.yealinkTimeZoneName(offset));
                v.put("language", VendorNotation.yealinkLanguage(language));
                v.put("phonebookUrl", TextValues.singleLine(phonebookUrl("yealink.xml", who)));
                break;
            case "fanvil":
                v.put("transport", VendorNotation.fanvilTransport(transport));
                v.put("timeZone", VendorNotation.fanvilTimeZone(offset));
                v.put("timeZoneName", VendorNotation.fanvilTimeZoneName(offset));
                v.put("language", VendorNotation.fanvilLanguage(language));
                break;
            case "grandstream":
                if (lines.stream().anyMatch(l -> l.index() > GRANDSTREAM_LINES)) {
                    log.warn("Device {} ({}) has lines above {}: its Grandstream file holds lines 1 to {} only",
                            device.id(), device.mac(), GRANDSTREAM_LINES, GRANDSTREAM_LINES);
                }
                v.put("transport", VendorNotation.grandstreamTransport(transport));
                v.put("timeZone", VendorNotation.grandstreamTimeZone(offset));
                v.put("customTimeZone", VendorNotation.grandstreamPosixTimeZone(offset));
                v.put("language", VendorNotation.grandstreamLanguage(language));
                URI base = baseUrl();
                // P330: 1 = HTTP, 3 = HTTPS; P331 is host/path without the scheme; the phone
                // fetches <P331>/phonebook.xml with P6713/P6714 as credentials.
                v.put("phonebookMode", "https".equalsIgnoreCase(base.getScheme()) ? 3 : 1);
                v.put("phonebookPath", base.getRawAuthority() + base.getRawPath() + "/provisioning/phonebook/grandstream");
                v.put("phonebookUser", who.mac());
                v.put("phonebookPassword", who.provisioningPassword());
                break;
            case "polycom":
                v.put("configFile", device.mac() + ProvisioningFile.POLYCOM_CONFIG_SUFFIX);
                v.put("transport", VendorNotation.polycomTransport(transport));
                v.put("gmtOffset", VendorNotation.polycomGmtOffset(offset));
                v.put("language", VendorNotation.polycomLanguage(language));
                break;
            default:
                throw new IllegalStateException("device " + device.id() + " has unknown vendor " + device.vendor());
        }
        return v;
    }

    private List<Line> lines(Device device) {
        List<Line> out = new ArrayList<>();
        for (Device.Line l : device.lines()) {
            Optional<Extension> found = extensions.findByNumber(l.extension());
            if (found.isEmpty()) {
                continue; // deleted since the device was read
            }
            Extension e = found.get();
            String password = null;
            if (e.enabled()) {
                password = cipher.decrypt(e.number(), extensions.findSipSecretEnc(e.number()).orElse(null)).orElse(null);
                if (password == null) {
                    log.warn("Extension {} on line {} of device {} ({}) has no stored SIP password (set before phone"
                                    + " provisioning existed, or the secret key changed): its file carries none until the"
                                    + " password is reset", e.number(), l.line(), device.id(), device.mac());
                }
            }
            out.add(new Line(l.line(), e.number(), TextValues.singleLine(e.displayName()), password, e.enabled()));
        }
        return out;
    }

    /** The phonebook's URL with the device's own credentials in it (RFC 3986 user information). */
    private String phonebookUrl(String file, DeviceAuthentication who) {
        URI base = baseUrl();
        try {
            return new URI(base.getScheme(), who.mac() + ":" + who.provisioningPassword(), base.getHost(), base.getPort(),
                    base.getPath() + "/provisioning/phonebook/" + file, null, null).toASCIIString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot build the phonebook URL from " + base, e);
        }
    }

    private URI baseUrl() {
        String configured = server.provisioningBaseUrl();
        URI base = URI.create(configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured);
        if (base.getScheme() == null || base.getHost() == null) {
            throw new IllegalStateException("The provisioning base URL must be absolute, e.g. http://10.20.0.5:8080: "
                    + configured);
        }
        return base;
    }
}
