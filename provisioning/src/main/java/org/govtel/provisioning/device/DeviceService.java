package org.govtel.provisioning.device;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.govtel.provisioning.audit.AuditLog;
import org.govtel.provisioning.device.DeviceDtos.DeviceRequest;
import org.govtel.provisioning.device.DeviceDtos.DeviceView;
import org.govtel.provisioning.device.DeviceDtos.LineDto;
import org.govtel.provisioning.device.DeviceDtos.NewProvisioningPassword;
import org.govtel.provisioning.extension.Extension;
import org.govtel.provisioning.extension.ExtensionRepository;
import org.govtel.provisioning.security.CurrentAdmin;
import org.govtel.provisioning.security.Scope;
import org.govtel.provisioning.security.ScopeService;
import org.govtel.provisioning.site.SiteRepository;
import org.govtel.provisioning.web.ApiProblems;
import org.govtel.provisioning.web.PageResult;
import org.govtel.provisioning.web.Paging;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Devices (desk phones, softphones): a MAC address unique network-wide, vendor and model, the
 * site they belong to, and up to 16 lines each mapped to an extension the admin may manage. An
 * extension may be on several devices.
 */
@Service
@Transactional
public class DeviceService {

    static final String ENTITY = "device";

    private final DeviceRepository devices;
    private final ExtensionRepository extensions;
    private final SiteRepository sites;
    private final ScopeService scopes;
    private final AuditLog audit;

    public DeviceService(DeviceRepository devices, ExtensionRepository extensions, SiteRepository sites,
                         ScopeService scopes, AuditLog audit) {
        this.devices = devices;
        this.extensions = extensions;
        this.sites = sites;
        this.scopes = scopes;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    public PageResult<DeviceView> list(CurrentAdmin me, Paging paging, Long siteId) {
        Scope scope = scopes.of(me);
        return PageResult.of(devices.search(paging, scope.sites(), siteId), devices.count(paging, scope.sites(), siteId),
                paging).map(DeviceView::of);
    }

    @Transactional(readOnly = true)
    public DeviceView get(CurrentAdmin me, long id) {
        return DeviceView.of(findInScope(scopes.of(me), id));
    }

    public DeviceView create(CurrentAdmin me, DeviceRequest r) {
        Scope scope = scopes.of(me);
        scope.requireWrite();
        Checked c = check(scope, r, null);
        long id = devices.insert(c.fields(), c.lines());
        String provisioningPassword = ProvisioningPasswords.generate();
        devices.setProvisioningSecretHash(id, ProvisioningPasswords.hash(provisioningPassword));
        Device after = devices.findById(id).orElseThrow();
        audit.record(scope.actor(), "create", ENTITY, Long.toString(id), after.siteId(), null, DeviceView.of(after));
        return DeviceView.of(after).withProvisioningPassword(provisioningPassword);
    }

    /**
     * A new provisioning password for the device, shown once; the old one stops working at once
     * (the phone then needs the new one in its auto-provisioning settings).
     */
    public NewProvisioningPassword resetProvisioningPassword(CurrentAdmin me, long id) {
        Scope scope = scopes.of(me);
        Device device = findInScope(scope, id);
        scope.requireWrite();
        String password = ProvisioningPasswords.generate();
        devices.setProvisioningSecretHash(id, ProvisioningPasswords.hash(password));
        audit.record(scope.actor(), "reset-provisioning-password", ENTITY, Long.toString(id), device.siteId(), null,
                null);
        return new NewProvisioningPassword(id, device.mac(), password);
    }

    /** The device, if the admin may see it (403 otherwise, 404 if there is none). */
    @Transactional(readOnly = true)
    public Device findVisible(CurrentAdmin me, long id) {
        return findInScope(scopes.of(me), id);
    }

    public DeviceView update(CurrentAdmin me, long id, DeviceRequest r) {
        Scope scope = scopes.of(me);
        Device before = findInScope(scope, id);
        scope.requireWrite();
        Checked c = check(scope, r, id);
        devices.update(id, c.fields(), c.lines());
        Device after = devices.findById(id).orElseThrow();
        audit.record(scope.actor(), "update", ENTITY, Long.toString(id), after.siteId(), DeviceView.of(before),
                DeviceView.of(after));
        return DeviceView.of(after);
    }

    public void delete(CurrentAdmin me, long id) {
        Scope scope = scopes.of(me);
        Device before = findInScope(scope, id);
        scope.requireWrite();
        devices.delete(id);
        audit.record(scope.actor(), "delete", ENTITY, Long.toString(id), before.siteId(), DeviceView.of(before), null);
    }

    private record Checked(DeviceRepository.Fields fields, List<Device.Line> lines) { }

    /**
     * The checks beyond bean validation, in the order of the extension API: the site must exist
     * (400) and be in scope (403); every line's extension must exist (400) and be in scope (403);
     * line numbers and extensions appear once per device (400); the MAC is free (409).
     */
    private Checked check(Scope scope, DeviceRequest r, Long self) {
        ApiProblems.Checks checks = new ApiProblems.Checks();
        if (sites.findById(r.siteId()).isEmpty()) {
            checks.add("siteId", "no site " + r.siteId());
        } else {
            scope.requireSite(r.siteId());
        }
        List<LineDto> requested = r.lines() == null ? List.of() : r.lines();
        Map<Integer, Integer> lineAt = new HashMap<>();
        Map<String, Integer> extensionAt = new HashMap<>();
        List<Device.Line> lines = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            LineDto l = requested.get(i);
            String field = "lines[" + i + "]";
            if (l == null) {
                checks.add(field, "is required");
                continue;
            }
            Integer firstLine = lineAt.putIfAbsent(l.line(), i);
            if (firstLine != null) {
                checks.add(field + ".line", "line " + l.line() + " appears twice (also lines[" + firstLine + "])");
            }
            Integer firstExt = extensionAt.putIfAbsent(l.extension(), i);
            if (firstExt != null) {
                checks.add(field + ".extension", "extension " + l.extension() + " is already on lines[" + firstExt + "]");
            }
            Optional<Extension> ext = extensions.findByNumber(l.extension());
            if (ext.isEmpty()) {
                checks.add(field + ".extension", "no extension " + l.extension());
            } else if (!scope.covers(ext.get().siteId())) {
                throw new ApiProblems.OutOfScope("Extension " + l.extension() + " is outside the scope of admin "
                        + scope.actor());
            }
            lines.add(new Device.Line(l.line(), l.extension()));
        }
        checks.throwIfAny();
        String mac = Mac.normalise(r.mac());
        devices.findByMac(mac).filter(d -> !Long.valueOf(d.id()).equals(self)).ifPresent(d -> {
            throw new ApiProblems.Conflict("mac", "MAC " + mac + " is already device " + d.id());
        });
        lines.sort(Comparator.comparingInt(Device.Line::line));
        String transport = r.transport() == null || r.transport().isBlank() ? DeviceDtos.DEFAULT_TRANSPORT : r.transport();
        return new Checked(new DeviceRepository.Fields(mac, r.vendor(), r.model().trim(), r.siteId(),
                DeviceDtos.blankToNull(r.description()), transport), lines);
    }

    private Device findInScope(Scope scope, long id) {
        Device d = devices.findById(id).orElseThrow(() -> new ApiProblems.NotFound("No device " + id));
        scope.requireSite(d.siteId());
        return d;
    }
}
