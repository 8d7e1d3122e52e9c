package org.govtel.provisioning.site;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The site form of the admin UI. The format checks are the API's ({@link SiteRequest}), with
 * messages in the UI's languages; the rest (parent in scope, code and block free, a block in use
 * unchanged) the service checks. Parent, kind and code are set when a site is created; an edit
 * keeps them (the API can still move a site).
 */
public class SiteForm {

    /** Checks of the fields only a new site has. */
    public interface OnCreate {
    }

    @NotNull(message = "{ui.error.required}", groups = OnCreate.class)
    private Long parentId;
    @NotNull(message = "{ui.error.required}", groups = OnCreate.class)
    private SiteKind kind;
    @NotBlank(message = "{ui.error.required}", groups = OnCreate.class)
    @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,31}", message = "{ui.error.siteCode}", groups = OnCreate.class)
    private String code;
    @NotBlank(message = "{ui.error.required}")
    @Size(max = 100, message = "{ui.error.max100}")
    private String nameZh;
    @NotBlank(message = "{ui.error.required}")
    @Size(max = 100, message = "{ui.error.max100}")
    private String nameEn;
    @NotBlank(message = "{ui.error.required}")
    @Pattern(regexp = "[0-9]{1,5}", message = "{ui.error.block}")
    private String numberPrefix;
    private String timeZone = Site.DEFAULT_TIME_ZONE;
    @Pattern(regexp = "zh|kk|ug|en", message = "{ui.error.choice}")
    private String phoneLanguage = Site.DEFAULT_PHONE_LANGUAGE;

    static SiteForm of(Site s) {
        SiteForm f = new SiteForm();
        f.parentId = s.parentId();
        f.kind = s.kind();
        f.code = s.code();
        f.nameZh = s.nameZh();
        f.nameEn = s.nameEn();
        f.numberPrefix = s.numberPrefix();
        f.timeZone = s.timeZone();
        f.phoneLanguage = s.phoneLanguage();
        return f;
    }

    SiteRequest toCreateRequest() {
        return new SiteRequest(parentId, kind, code, nameZh, nameEn, numberPrefix, timeZone, phoneLanguage);
    }

    /** An edit changes names, block, time zone and phone language; the site keeps its place and code. */
    SiteRequest toUpdateRequest(Site before) {
        return new SiteRequest(before.parentId(), before.kind(), before.code(), nameZh, nameEn, numberPrefix, timeZone,
                phoneLanguage);
    }

    public Long getParentId() {
        return parentId;
    }

    public void setParentId(Long parentId) {
        this.parentId = parentId;
    }

    public SiteKind getKind() {
        return kind;
    }

    public void setKind(SiteKind kind) {
        this.kind = kind;
    }

    public String getCode() {
        return code;
    }

    public void setCode(String code) {
        this.code = code == null ? null : code.trim();
    }

    public String getNameZh() {
        return nameZh;
    }

    public void setNameZh(String nameZh) {
        this.nameZh = nameZh == null ? null : nameZh.trim();
    }

    public String getNameEn() {
        return nameEn;
    }

    public void setNameEn(String nameEn) {
        this.nameEn = nameEn == null ? null : nameEn.trim();
    }

    public String getNumberPrefix() {
        return numberPrefix;
    }

    public void setNumberPrefix(String numberPrefix) {
        this.numberPrefix = numberPrefix == null ? null : numberPrefix.trim();
    }

    public String getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(String timeZone) {
        this.timeZone = timeZone;
    }

    public String getPhoneLanguage() {
        return phoneLanguage;
    }

    public void setPhoneLanguage(String phoneLanguage) {
        this.phoneLanguage = phoneLanguage;
    }
}
