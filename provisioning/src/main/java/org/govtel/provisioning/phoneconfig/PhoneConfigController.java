package org.govtel.provisioning.phoneconfig;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The files phones fetch. Every request here was authenticated as a device by
 * {@link DeviceAuthenticationFilter}, which also checked that a per-device file is the asking
 * device's own and logs the answer. Not part of the admin API's OpenAPI description: phones, not
 * scripts, call these, with device credentials (docs/phone-setup.md).
 */
@Hidden
@RestController
@RequestMapping("/provisioning")
class PhoneConfigController {

    private final PhoneConfigService configs;
    private final Phonebook phonebook;

    PhoneConfigController(PhoneConfigService configs, Phonebook phonebook) {
        this.configs = configs;
        this.phonebook = phonebook;
    }

    @GetMapping("/{file}")
    ResponseEntity<String> file(@PathVariable String file, @AuthenticationPrincipal DeviceAuthentication device) {
        ProvisioningFile requested = ProvisioningFile.parse(file);
        switch (requested.kind()) {
            case DEVICE_CONFIG:
                return answer(configs.deviceConfig(device));
            case POLYCOM_CONFIG:
                return configs.polycomConfig(device).map(PhoneConfigController::answer)
                        .orElseGet(() -> ResponseEntity.notFound().build());
            default:
                return ResponseEntity.notFound().build();
        }
    }

    @GetMapping("/phonebook/yealink.xml")
    ResponseEntity<String> yealinkPhonebook(@AuthenticationPrincipal DeviceAuthentication device) {
        return answer(phonebook.yealink(device));
    }

    @GetMapping({"/phonebook/grandstream.xml", "/phonebook/grandstream/phonebook.xml"})
    ResponseEntity<String> grandstreamPhonebook(@AuthenticationPrincipal DeviceAuthentication device) {
        return answer(phonebook.grandstream(device));
    }

    /** Configuration files hold SIP passwords: no cache anywhere may keep them. */
    private static ResponseEntity<String> answer(PhoneConfigService.Rendered rendered) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_TYPE, rendered.contentType())
                .cacheControl(CacheControl.noStore())
                .body(rendered.body());
    }
}
