package org.govtel.provisioning.device;

import jakarta.servlet.http.HttpServletRequest;
import org.govtel.provisioning.device.DeviceDtos.DeviceView;
import org.govtel.provisioning.security.CurrentAdmin;
import org.govtel.provisioning.ui.AdminUiController;
import org.govtel.provisioning.ui.Pager;
import org.govtel.provisioning.ui.SiteChoices;
import org.govtel.provisioning.web.PageResult;
import org.govtel.provisioning.web.Paging;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The device list of the admin UI (read-only for now; devices are changed through the API). */
@AdminUiController
public class DevicePages {

    static final int PAGE_SIZE = 20;

    private final DeviceService devices;
    private final SiteChoices choices;

    public DevicePages(DeviceService devices, SiteChoices choices) {
        this.devices = devices;
        this.choices = choices;
    }

    @GetMapping("/admin/devices")
    String list(@AuthenticationPrincipal CurrentAdmin me, @RequestParam(required = false) String q,
                @RequestParam(required = false) Integer page, @RequestParam(required = false) Long siteId,
                HttpServletRequest request, Model model) {
        PageResult<DeviceView> result = devices.list(me, Paging.of(q, page, PAGE_SIZE), siteId);
        model.addAttribute("result", result);
        model.addAttribute("pager", Pager.of(result, request));
        model.addAttribute("q", q);
        model.addAttribute("siteId", siteId);
        choices.addTo(model, me);
        return "devices";
    }
}
