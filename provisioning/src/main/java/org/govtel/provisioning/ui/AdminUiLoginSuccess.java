package org.govtel.provisioning.ui;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.govtel.provisioning.security.CurrentAdmin;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.stereotype.Component;

/** After a form login: switch to the admin's own language, then go to the page asked for (or the dashboard). */
@Component
public class AdminUiLoginSuccess extends SavedRequestAwareAuthenticationSuccessHandler {

    private final AdminLanguages languages;

    public AdminUiLoginSuccess(AdminLanguages languages) {
        this.languages = languages;
        setDefaultTargetUrl("/admin");
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
                                        Authentication authentication) throws ServletException, IOException {
        if (authentication.getPrincipal() instanceof CurrentAdmin me) {
            languages.applyAtLogin(me, request, response);
        }
        super.onAuthenticationSuccess(request, response, authentication);
    }
}
