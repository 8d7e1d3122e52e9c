package org.govtel.provisioning.office;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** An office as an admin creates or replaces it. */
public record OfficeRequest(
        @NotNull(message = "is required") Long siteId,
        @NotBlank(message = "is required") @Size(max = 100, message = "must be at most 100 characters") String nameZh,
        @Size(max = 100, message = "must be at most 100 characters") String nameEn) {
}
