package org.govtel.provisioning.audit;

/**
 * Published with every audited change (in the change's transaction), so caches of directory
 * data, such as the SIP server's, can forget what they hold once the change is committed.
 */
public record DirectoryChanged(String entityType, String entityId) {
}
