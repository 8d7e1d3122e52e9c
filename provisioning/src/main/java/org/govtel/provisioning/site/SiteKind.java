package org.govtel.provisioning.site;

import java.util.Locale;

/** Where a site sits in the prefecture's administrative tree (and on the star backbone). */
public enum SiteKind {
    SEAT, COUNTY, CITY, PORT, TOWNSHIP;

    /** The value stored in {@code sites.kind}. */
    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SiteKind fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
