package org.govtel.provisioning.ui;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.govtel.provisioning.admin.AdminRole;
import org.govtel.provisioning.security.CurrentAdmin;

/**
 * What every admin UI page needs besides its own data: the language (and so the text
 * direction), who is logged in and whether they may change anything, and the current path for
 * the navigation ({@code back}: path and query, where the language menu returns to). Templates
 * reach it as {@code ui}.
 */
public record UiView(UiLanguage language, CurrentAdmin me, String path, String back) {

    /** Times are shown in Beijing time, the time the prefecture's offices keep. */
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZONE);

    public List<UiLanguage> languages() {
        return List.of(UiLanguage.values());
    }

    public String lang() {
        return language.code();
    }

    public String dir() {
        return language.dir();
    }

    public boolean loggedIn() {
        return me != null;
    }

    /** Auditors read only: their pages have no forms or buttons that change anything. */
    public boolean canWrite() {
        return me != null && me.role().canWrite();
    }

    public boolean prefectureAdmin() {
        return me != null && me.role() == AdminRole.PREFECTURE_ADMIN;
    }

    /** Whether the navigation entry for {@code prefix} is the current page. */
    public boolean at(String prefix) {
        if (path == null) {
            return false;
        }
        return prefix.equals("/admin") ? path.equals("/admin") || path.equals("/admin/") : path.startsWith(prefix);
    }

    /** A name in the UI language: the English form in English, the Chinese (official) form otherwise. */
    public String name(String zh, String en) {
        return language == UiLanguage.EN && en != null && !en.isBlank() ? en : zh;
    }

    /** An extension's display name in the UI language when it has one, else the Chinese one. */
    public String displayName(String zh, String kk, String ug) {
        if (language == UiLanguage.KK && kk != null) {
            return kk;
        }
        if (language == UiLanguage.UG && ug != null) {
            return ug;
        }
        return zh;
    }

    public String time(Instant at) {
        return at == null ? "" : TIME.format(at);
    }
}
