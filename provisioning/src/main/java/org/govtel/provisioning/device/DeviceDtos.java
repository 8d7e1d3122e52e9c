package org.govtel.provisioning.device;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/** What the device API reads and writes. */
public final class DeviceDtos {

    static final String VENDOR_REGEX = "yealink|grandstream|fanvil|polycom";
    static final String TRANSPORT_REGEX = "udp|tcp|tls|";
    static final String DEFAULT_TRANSPORT = "udp";
    static final int MAX_LINES = 16;

    private DeviceDtos() {
    }

    /** One line of a device: its number on the phone (1..16) and the extension it registers as. */
    public record LineDto(
            @NotNull(message = "is required") @Min(value = 1, message = "must be between 1 and " + MAX_LINES)
            @Max(value = MAX_LINES, message = "must be between 1 and " + MAX_LINES) Integer line,
            @NotBlank(message = "is required") @Pattern(regexp = "[0-9]{6}", message = "must be 6 digits")
            String extension) {
    }

    /** A device as an admin creates or replaces it (PUT replaces every field and the whole line list). */
    public record DeviceRequest(
            @NotBlank(message = "is required") @Pattern(regexp = Mac.REGEX, message = Mac.MESSAGE) String mac,
            @NotBlank(message = "is required")
            @Pattern(regexp = VENDOR_REGEX, message = "must be one of yealink, grandstream, fanvil, polycom")
            String vendor,
            @NotBlank(message = "is required") @Size(max = 64, message = "must be at most 64 characters") String model,
            @NotNull(message = "is required") Long siteId,
            @Size(max = 200, message = "must be at most 200 characters") String description,
            @Size(max = MAX_LINES, message = "must have at most " + MAX_LINES + " lines") List<@Valid LineDto> lines,
            @Pattern(regexp = TRANSPORT_REGEX, message = "must be one of udp, tcp, tls") String transport) {
    }

    /**
     * A device as the API shows it. {@code provisioningPassword} is only in the answer to a create
     * (shown that once, like an extension's SIP password); everywhere else it is left out.
     */
    public record DeviceView(long id, String mac, String vendor, String model, long siteId, String siteCode,
                             String description, String transport, List<Device.Line> lines, Instant createdAt,
                             Instant updatedAt,
                             @JsonInclude(JsonInclude.Include.NON_NULL) String provisioningPassword) {
        static DeviceView of(Device d) {
            return new DeviceView(d.id(), d.mac(), d.vendor(), d.model(), d.siteId(), d.siteCode(), d.description(),
                    d.transport(), d.lines(), d.createdAt(), d.updatedAt(), null);
        }

        DeviceView withProvisioningPassword(String password) {
            return new DeviceView(id, mac, vendor, model, siteId, siteCode, description, transport, lines, createdAt,
                    updatedAt, password);
        }
    }

    /** A new provisioning password, shown this once; the phone sends it with its MAC as user name. */
    public record NewProvisioningPassword(long id, String mac, String provisioningPassword) {
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
