package org.govtel.provisioning.office;

/** A government office, bureau or township government at a site; extensions belong to one. */
public record Office(Long id, long siteId, String nameZh, String nameEn) {
}
