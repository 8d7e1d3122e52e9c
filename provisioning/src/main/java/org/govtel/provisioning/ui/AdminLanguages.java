package org.govtel.provisioning.ui;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.govtel.provisioning.admin.AdminRepository;
import org.govtel.provisioning.security.CurrentAdmin;
import org.springframework.stereotype.Service;
import org.springframework.web.servlet.LocaleResolver;

/**
 * Each admin's UI language, kept in {@code admins.language} so it follows the admin to any
 * browser. The language is a display preference, not a change to the directory, so it is not
 * written to the audit log.
 */
@Service
public class AdminLanguages {

    private final AdminRepository admins;
    private final LocaleResolver localeResolver;

    public AdminLanguages(AdminRepository admins, LocaleResolver localeResolver) {
        this.admins = admins;
        this.localeResolver = localeResolver;
    }

    /** The admin picked a language in the menu: use it now and at every later login. */
    public void choose(CurrentAdmin me, UiLanguage language, HttpServletRequest request, HttpServletResponse response) {
        admins.setLanguage(me.id(), language.code());
        localeResolver.setLocale(request, response, language.locale());
    }

    /**
     * At login: the admin's stored language wins over the browser's (a shared office PC keeps the
     * last user's cookie); an admin who never chose one keeps the login page's language, which
     * is then stored as their choice.
     */
    public void applyAtLogin(CurrentAdmin me, HttpServletRequest request, HttpServletResponse response) {
        UiLanguage stored = admins.findLanguage(me.id()).flatMap(UiLanguage::byCode).orElse(null);
        if (stored != null) {
            localeResolver.setLocale(request, response, stored.locale());
        } else {
            admins.setLanguage(me.id(), UiLanguage.of(localeResolver.resolveLocale(request)).code());
        }
    }
}
