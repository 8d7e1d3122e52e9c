package org.govtel.provisioning.dashboard;

import org.govtel.provisioning.security.CurrentAdmin;
import org.govtel.provisioning.ui.AdminUiController;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The admin UI's first page: the sites of the admin's scope with their extension and online counts. */
@AdminUiController
public class DashboardPage {

    private final DirectoryOverview overview;

    public DashboardPage(DirectoryOverview overview) {
        this.overview = overview;
    }

    @GetMapping({"/admin", "/admin/"})
    String dashboard(@AuthenticationPrincipal CurrentAdmin me, Model model) {
        model.addAttribute("overview", overview.of(me));
        return "dashboard";
    }
}
