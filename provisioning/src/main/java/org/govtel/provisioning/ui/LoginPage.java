package org.govtel.provisioning.ui;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.govtel.provisioning.security.CurrentAdmin;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The login page (Spring Security handles its POST) and the language menu. Before login the
 * menu is a set of links ({@code ?lang=}, a cookie only); after it, a form that stores the choice
 * for the admin.
 */
@AdminUiController
public class LoginPage {

    private final AdminLanguages languages;

    public LoginPage(AdminLanguages languages) {
        this.languages = languages;
    }

    @GetMapping("/login")
    String login(@AuthenticationPrincipal CurrentAdmin me) {
        return me != null ? "redirect:/admin" : "login";
    }

    @PostMapping("/admin/language")
    String language(@AuthenticationPrincipal CurrentAdmin me, @RequestParam String lang,
                    @RequestParam(required = false) String back,
                    HttpServletRequest request, HttpServletResponse response) {
        UiLanguage.byCode(lang).ifPresent(l -> languages.choose(me, l, request, response));
        return "redirect:" + safeBack(back);
    }

    /** Back to the page the menu was on, but only to a page of the admin UI (no open redirect). */
    static String safeBack(String back) {
        if (back == null || !back.startsWith("/admin") || back.contains("//") || back.contains("\\")
                || back.chars().anyMatch(Character::isISOControl)) {
            return "/admin";
        }
        return back;
    }
}
