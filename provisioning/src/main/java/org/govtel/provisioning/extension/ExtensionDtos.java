package org.govtel.provisioning.extension;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.govtel.provisioning.registration.RegisteredContact;

/** What the extension API reads and writes (never a digest; a password only once, when made). */
public final class ExtensionDtos {

    static final String NUMBER_REGEX = "[0-9]{6}";
    static final String TARGET_REGEX = "([0-9]{3,16})?";
    static final String TARGET_MESSAGE = "must be a number of 3 to 16 digits";
    /** Printable ASCII without space, quotes, backslash or comma: safe in CSV, shells and phone configs. */
    static final String PASSWORD_REGEX = "[A-Za-z0-9!#$%&'()*+./:;<=>?@^_{|}~\\[\\]-]{8,64}";
    static final String PASSWORD_MESSAGE =
            "must be 8 to 64 printable ASCII characters without spaces, quotes, backslashes or commas";

    private ExtensionDtos() {
    }

    /** Call forwarding targets; null or empty = off. */
    public record ForwardingDto(
            @Pattern(regexp = TARGET_REGEX, message = TARGET_MESSAGE) String always,
            @Pattern(regexp = TARGET_REGEX, message = TARGET_MESSAGE) String busy,
            @Pattern(regexp = TARGET_REGEX, message = TARGET_MESSAGE) String noAnswer) {

        Extension.Forwarding toDomain() {
            return new Extension.Forwarding(blankToNull(always), blankToNull(busy), blankToNull(noAnswer));
        }

        static ForwardingDto of(Extension.Forwarding f) {
            return new ForwardingDto(f.always(), f.busy(), f.noAnswer());
        }
    }

    /**
     * A new extension. {@code siteId} may be left out: the site is then the one whose block is
     * the longest prefix of the number. {@code password} left out: one is generated and shown
     * once in the response.
     */
    public record CreateRequest(
            @NotBlank(message = "is required") @Pattern(regexp = NUMBER_REGEX, message = "must be 6 digits") String number,
            Long siteId,
            Long officeId,
            @NotBlank(message = "is required") @Size(max = 100, message = "must be at most 100 characters")
            String displayName,
            @Size(max = 100, message = "must be at most 100 characters") String displayNameKk,
            @Size(max = 100, message = "must be at most 100 characters") String displayNameUg,
            Boolean enabled,
            @Valid ForwardingDto forwarding,
            @Pattern(regexp = PASSWORD_REGEX, message = PASSWORD_MESSAGE) String password) {
    }

    /** The editable fields of an extension (PUT replaces them; {@code enabled} null = unchanged). */
    public record UpdateRequest(
            Long officeId,
            @NotBlank(message = "is required") @Size(max = 100, message = "must be at most 100 characters")
            String displayName,
            @Size(max = 100, message = "must be at most 100 characters") String displayNameKk,
            @Size(max = 100, message = "must be at most 100 characters") String displayNameUg,
            Boolean enabled,
            @Valid ForwardingDto forwarding) {
    }

    public record ExtensionView(String number, long siteId, String siteCode, Long officeId, String displayName,
                                String displayNameKk, String displayNameUg, boolean enabled, ForwardingDto forwarding,
                                Instant createdAt, Instant updatedAt) {
        static ExtensionView of(Extension e) {
            return new ExtensionView(e.number(), e.siteId(), e.siteCode(), e.officeId(), e.displayName(),
                    e.displayNameKk(), e.displayNameUg(), e.enabled(), ForwardingDto.of(e.forwarding()),
                    e.createdAt(), e.updatedAt());
        }
    }

    /** The answer to a create: the extension and, if it was generated, its SIP password (shown this once). */
    public record Created(ExtensionView extension, String password) {
    }

    /** A new SIP password, shown this once. */
    public record NewPassword(String number, String password) {
    }

    /** Live registration state from the SIP registrar. */
    public record RegistrationView(String number, boolean enabled, boolean online, List<RegisteredContact> contacts) {
    }

    /** One problem in one row of an imported CSV file (row 1 = first line after the header). */
    public record RowError(long row, String number, String field, String message) {
    }

    public record ImportResult(int imported, int failed, List<RowError> errors, List<NewPassword> passwords) {
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
