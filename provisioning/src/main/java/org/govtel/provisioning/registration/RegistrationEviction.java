package org.govtel.provisioning.registration;

/**
 * Drops an extension's registrations at once: called after it is disabled, deleted or gets a
 * new password, so no phone keeps receiving calls on it. Wired by the application to the SIP
 * registrar.
 */
public interface RegistrationEviction {

    void removeAll(String number);
}
