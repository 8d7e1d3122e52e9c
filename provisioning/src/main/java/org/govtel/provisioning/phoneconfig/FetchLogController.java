package org.govtel.provisioning.phoneconfig;

import org.govtel.provisioning.device.Device;
import org.govtel.provisioning.device.DeviceService;
import org.govtel.provisioning.device.Mac;
import org.govtel.provisioning.security.CurrentAdmin;
import org.govtel.provisioning.security.ScopeService;
import org.govtel.provisioning.web.ApiProblems;
import org.govtel.provisioning.web.PageResult;
import org.govtel.provisioning.web.Paging;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reading the provisioning fetch log: a device's fetches for whoever may see the device, and the
 * whole log (also requests for MAC addresses no device has) for prefecture-wide readers only.
 */
@RestController
class FetchLogController {

    private final FetchLog fetchLog;
    private final DeviceService devices;
    private final ScopeService scopes;

    FetchLogController(FetchLog fetchLog, DeviceService devices, ScopeService scopes) {
        this.fetchLog = fetchLog;
        this.devices = devices;
        this.scopes = scopes;
    }

    @GetMapping("/api/devices/{id}/fetches")
    PageResult<FetchLog.Fetch> deviceFetches(@AuthenticationPrincipal CurrentAdmin me, @PathVariable long id,
                                             @RequestParam(required = false) Integer page,
                                             @RequestParam(required = false) Integer size) {
        Device device = devices.findVisible(me, id);
        Paging paging = Paging.of(null, page, size);
        return PageResult.of(fetchLog.find(device.id(), null, paging.size(), paging.offset()),
                fetchLog.count(device.id(), null), paging);
    }

    @GetMapping("/api/provisioning-fetches")
    PageResult<FetchLog.Fetch> allFetches(@AuthenticationPrincipal CurrentAdmin me,
                                          @RequestParam(required = false) String mac,
                                          @RequestParam(required = false) Integer page,
                                          @RequestParam(required = false) Integer size) {
        scopes.of(me).requireGlobal("Reading the whole provisioning fetch log");
        String normalised = null;
        if (mac != null && !mac.isBlank()) {
            if (!Mac.valid(mac)) {
                throw ApiProblems.InvalidFields.of("mac", "must be a MAC address: 12 hex digits, optionally in pairs"
                        + " separated by : or -");
            }
            normalised = Mac.normalise(mac);
        }
        Paging paging = Paging.of(null, page, size);
        return PageResult.of(fetchLog.find(null, normalised, paging.size(), paging.offset()),
                fetchLog.count(null, normalised), paging);
    }
}
