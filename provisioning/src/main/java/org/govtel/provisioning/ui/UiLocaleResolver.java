package org.govtel.provisioning.ui;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Locale;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

/**
 * The UI language of a request: the {@value #COOKIE} cookie, else Chinese. Only the four UI
 * languages come out of it, so a page is never half in a language the UI does not have. The
 * cookie is the browser's copy; the admin's own choice is kept in the database and put back into
 * the cookie at every login ({@link AdminLanguages}).
 */
public class UiLocaleResolver implements LocaleResolver {

    public static final String COOKIE = "govtel-lang";

    private final CookieLocaleResolver cookie;

    public UiLocaleResolver() {
        cookie = new CookieLocaleResolver(COOKIE);
        cookie.setCookieMaxAge(Duration.ofDays(365));
        cookie.setCookieHttpOnly(true);
        cookie.setCookieSameSite("Lax");
        cookie.setDefaultLocaleFunction(request -> UiLanguage.DEFAULT.locale());
        cookie.setRejectInvalidCookies(true);
    }

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        return UiLanguage.of(cookie.resolveLocale(request)).locale();
    }

    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        cookie.setLocale(request, response, UiLanguage.of(locale).locale());
    }
}
