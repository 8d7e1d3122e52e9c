package org.govtel.provisioning.phoneconfig;

/**
 * Where phones find the SIP server and the provisioning service. The provisioning module does not
 * know how the SIP server is configured; the application ({@code app}) implements this from its
 * own settings (the advertised SIP address and ports, the HTTP address).
 */
public interface PhoneServerSettings {

    /** Host name or IP address phones register to (what the SIP server advertises). */
    String sipHost();

    /** Port for SIP over UDP and TCP. */
    int udpPort();

    /** Port for SIP over TLS. */
    int tlsPort();

    /**
     * Base URL of this HTTP service as phones reach it, without a trailing slash, e.g.
     * {@code http://10.20.0.5:8080}; the phonebook URL in the configuration files starts with it.
     */
    String provisioningBaseUrl();
}
