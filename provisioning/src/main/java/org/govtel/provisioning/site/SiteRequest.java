package org.govtel.provisioning.site;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A site as an admin creates or replaces it. {@code timeZone} empty means Beijing time; an IANA
 * id such as {@code Asia/Urumqi} (Xinjiang time, UTC+6) otherwise. {@code phoneLanguage} empty
 * means Chinese; {@code zh}, {@code kk}, {@code ug} or {@code en}: what the site's desk phones show.
 */
public record SiteRequest(
        Long parentId,
        @NotNull(message = "is required") SiteKind kind,
        @NotBlank(message = "is required")
        @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,31}", message = "must be 1 to 32 lower-case letters, digits or '-'")
        String code,
        @NotBlank(message = "is required") @Size(max = 100, message = "must be at most 100 characters") String nameZh,
        @NotBlank(message = "is required") @Size(max = 100, message = "must be at most 100 characters") String nameEn,
        @NotBlank(message = "is required") @Pattern(regexp = "[0-9]{1,5}", message = "must be 1 to 5 digits")
        String numberPrefix,
        String timeZone,
        @Pattern(regexp = "zh|kk|ug|en|", message = "must be one of zh, kk, ug, en") String phoneLanguage) {
}
