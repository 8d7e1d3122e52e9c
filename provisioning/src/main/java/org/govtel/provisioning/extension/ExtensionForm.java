package org.govtel.provisioning.extension;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.govtel.provisioning.extension.ExtensionDtos.CreateRequest;
import org.govtel.provisioning.extension.ExtensionDtos.ExtensionView;
import org.govtel.provisioning.extension.ExtensionDtos.ForwardingDto;
import org.govtel.provisioning.extension.ExtensionDtos.UpdateRequest;

/**
 * The extension form of the admin UI. The format checks are the API's (same patterns), with
 * messages in the UI's languages; everything else (number block, uniqueness, office at the
 * site, scope) the service checks, as it does for the API.
 */
public class ExtensionForm {

    /** Checks of the fields only a new extension has (an edit keeps its number). */
    public interface OnCreate {
    }

    @NotBlank(message = "{ui.error.required}", groups = OnCreate.class)
    @Pattern(regexp = ExtensionDtos.NUMBER_REGEX, message = "{ui.error.number}", groups = OnCreate.class)
    private String number;
    private Long siteId;
    private Long officeId;
    @NotBlank(message = "{ui.error.required}")
    @Size(max = 100, message = "{ui.error.max100}")
    private String displayName;
    @Size(max = 100, message = "{ui.error.max100}")
    private String displayNameKk;
    @Size(max = 100, message = "{ui.error.max100}")
    private String displayNameUg;
    @Pattern(regexp = ExtensionDtos.TARGET_REGEX, message = "{ui.error.target}")
    private String forwardAlways;
    @Pattern(regexp = ExtensionDtos.TARGET_REGEX, message = "{ui.error.target}")
    private String forwardBusy;
    @Pattern(regexp = ExtensionDtos.TARGET_REGEX, message = "{ui.error.target}")
    private String forwardNoAnswer;
    private boolean enabled = true;

    static ExtensionForm of(ExtensionView e) {
        ExtensionForm f = new ExtensionForm();
        f.number = e.number();
        f.siteId = e.siteId();
        f.officeId = e.officeId();
        f.displayName = e.displayName();
        f.displayNameKk = e.displayNameKk();
        f.displayNameUg = e.displayNameUg();
        f.forwardAlways = e.forwarding().always();
        f.forwardBusy = e.forwarding().busy();
        f.forwardNoAnswer = e.forwarding().noAnswer();
        f.enabled = e.enabled();
        return f;
    }

    CreateRequest toCreateRequest() {
        return new CreateRequest(number, siteId, officeId, displayName, displayNameKk, displayNameUg, enabled,
                forwarding(), null);
    }

    /** The edit form does not change the enabled flag: that has its own buttons. */
    UpdateRequest toUpdateRequest() {
        return new UpdateRequest(officeId, displayName, displayNameKk, displayNameUg, null, forwarding());
    }

    private ForwardingDto forwarding() {
        return new ForwardingDto(forwardAlways, forwardBusy, forwardNoAnswer);
    }

    public String getNumber() {
        return number;
    }

    public void setNumber(String number) {
        this.number = number == null ? null : number.trim();
    }

    public Long getSiteId() {
        return siteId;
    }

    public void setSiteId(Long siteId) {
        this.siteId = siteId;
    }

    public Long getOfficeId() {
        return officeId;
    }

    public void setOfficeId(Long officeId) {
        this.officeId = officeId;
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public String getDisplayNameKk() {
        return displayNameKk;
    }

    public void setDisplayNameKk(String displayNameKk) {
        this.displayNameKk = displayNameKk;
    }

    public String getDisplayNameUg() {
        return displayNameUg;
    }

    public void setDisplayNameUg(String displayNameUg) {
        this.displayNameUg = displayNameUg;
    }

    public String getForwardAlways() {
        return forwardAlways;
    }

    public void setForwardAlways(String forwardAlways) {
        this.forwardAlways = forwardAlways == null ? null : forwardAlways.trim();
    }

    public String getForwardBusy() {
        return forwardBusy;
    }

    public void setForwardBusy(String forwardBusy) {
        this.forwardBusy = forwardBusy == null ? null : forwardBusy.trim();
    }

    public String getForwardNoAnswer() {
        return forwardNoAnswer;
    }

    public void setForwardNoAnswer(String forwardNoAnswer) {
        this.forwardNoAnswer = forwardNoAnswer == null ? null : forwardNoAnswer.trim();
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }
}
