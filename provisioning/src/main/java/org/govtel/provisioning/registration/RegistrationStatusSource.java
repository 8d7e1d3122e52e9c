package org.govtel.provisioning.registration;

import java.util.List;

/**
 * The live registrations of an extension. Provisioning does not depend on the SIP server: the
 * application wires an implementation reading the registrar's location service. Without one
 * (provisioning alone) nothing is registered.
 */
public interface RegistrationStatusSource {

    /** Current (unexpired) contacts of the extension, best first; empty when offline. */
    List<RegisteredContact> contacts(String number);
}
