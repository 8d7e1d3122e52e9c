package org.govtel.provisioning.device;

import jakarta.validation.Valid;
import java.net.URI;
import org.govtel.provisioning.device.DeviceDtos.DeviceRequest;
import org.govtel.provisioning.device.DeviceDtos.DeviceView;
import org.govtel.provisioning.device.DeviceDtos.NewProvisioningPassword;
import org.govtel.provisioning.security.CurrentAdmin;
import org.govtel.provisioning.web.PageResult;
import org.govtel.provisioning.web.Paging;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/devices")
public class DeviceController {

    private final DeviceService service;

    public DeviceController(DeviceService service) {
        this.service = service;
    }

    @GetMapping
    public PageResult<DeviceView> list(@AuthenticationPrincipal CurrentAdmin me,
                                       @RequestParam(required = false) String q,
                                       @RequestParam(required = false) Integer page,
                                       @RequestParam(required = false) Integer size,
                                       @RequestParam(required = false) Long siteId) {
        return service.list(me, Paging.of(q, page, size), siteId);
    }

    @GetMapping("/{id}")
    public DeviceView get(@AuthenticationPrincipal CurrentAdmin me, @PathVariable long id) {
        return service.get(me, id);
    }

    @PostMapping
    public ResponseEntity<DeviceView> create(@AuthenticationPrincipal CurrentAdmin me,
                                             @Valid @RequestBody DeviceRequest r) {
        DeviceView device = service.create(me, r);
        return ResponseEntity.created(URI.create("/api/devices/" + device.id())).body(device);
    }

    @PutMapping("/{id}")
    public DeviceView update(@AuthenticationPrincipal CurrentAdmin me, @PathVariable long id,
                             @Valid @RequestBody DeviceRequest r) {
        return service.update(me, id, r);
    }

    /** A new provisioning password for the device, shown this once. */
    @PostMapping("/{id}/provisioning-password")
    public NewProvisioningPassword resetProvisioningPassword(@AuthenticationPrincipal CurrentAdmin me,
                                                             @PathVariable long id) {
        return service.resetProvisioningPassword(me, id);
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(@AuthenticationPrincipal CurrentAdmin me, @PathVariable long id) {
        service.delete(me, id);
        return ResponseEntity.noContent().build();
    }
}
