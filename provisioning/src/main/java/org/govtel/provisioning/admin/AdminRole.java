package org.govtel.provisioning.admin;

/**
 * What an administrator may do. A prefecture admin manages everything; a site admin manages
 * their scope site and its sub-sites; an auditor reads (within their scope site, or everywhere
 * when they have none) and changes nothing.
 */
public enum AdminRole {
    PREFECTURE_ADMIN, SITE_ADMIN, AUDITOR;

    /** The Spring Security authority ({@code ROLE_...}). */
    public String authority() {
        return "ROLE_" + name();
    }

    public boolean canWrite() {
        return this != AUDITOR;
    }
}
