package org.govtel.provisioning.security;

import java.util.Set;
import org.govtel.provisioning.web.ApiProblems;

/**
 * What one admin may see and change: every site ({@link #global()}), or a scope site and its
 * sub-sites. Auditors see their scope and change nothing.
 */
public final class Scope {

    private final CurrentAdmin admin;
    /** null when global. */
    private final Set<Long> sites;

    Scope(CurrentAdmin admin, Set<Long> sites) {
        this.admin = admin;
        this.sites = sites == null ? null : Set.copyOf(sites);
    }

    public CurrentAdmin admin() {
        return admin;
    }

    public String actor() {
        return admin.username();
    }

    public boolean global() {
        return sites == null;
    }

    /** The site ids of the scope for a query filter, or null for no filter. */
    public Set<Long> sites() {
        return sites;
    }

    public boolean covers(Long siteId) {
        return global() || (siteId != null && sites.contains(siteId));
    }

    public void requireSite(Long siteId) {
        if (!covers(siteId)) {
            throw new ApiProblems.OutOfScope("Site " + siteId + " is outside the scope of admin " + admin.username());
        }
    }

    /** Prefecture-wide changes (and reads of prefecture-wide data) need a global scope. */
    public void requireGlobal(String what) {
        if (!global()) {
            throw new ApiProblems.OutOfScope(what + " needs a prefecture-wide admin");
        }
    }

    public void requireWrite() {
        if (!admin.role().canWrite()) {
            throw new ApiProblems.OutOfScope("Admin " + admin.username() + " is read-only (" + admin.role() + ")");
        }
    }
}
