package org.govtel.app.sip;

import java.util.List;
import org.govtel.provisioning.registration.RegisteredContact;
import org.govtel.provisioning.registration.RegistrationEviction;
import org.govtel.provisioning.registration.RegistrationStatusSource;
import org.govtel.sip.SipServer;
import org.springframework.stereotype.Component;

/**
 * The registrar's location service as provisioning sees it: the live contacts of an extension
 * for the API, and removal of every binding when an extension is disabled, deleted or re-keyed.
 */
@Component
class SipRegistrations implements RegistrationStatusSource, RegistrationEviction {

    private final SipServer sip;

    SipRegistrations(SipServer sip) {
        this.sip = sip;
    }

    @Override
    public List<RegisteredContact> contacts(String number) {
        return sip.location().lookup(number).stream()
                .map(b -> new RegisteredContact(b.contactUri(), b.receivedHost(), b.receivedPort(), b.transport(),
                        b.expiresAt(), b.userAgent()))
                .toList();
    }

    @Override
    public void removeAll(String number) {
        sip.location().removeAll(number);
    }
}
