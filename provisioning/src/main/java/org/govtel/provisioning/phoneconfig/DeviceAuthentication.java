package org.govtel.provisioning.phoneconfig;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A phone that proved it is device {@code deviceId} (HTTP Basic: its MAC and its provisioning
 * password). The password is kept for the length of the request only: the configuration file
 * repeats it in the phonebook URL, so the phone can fetch the phonebook with the same credentials.
 */
public final class DeviceAuthentication extends AbstractAuthenticationToken {

    static final String AUTHORITY = "PROVISIONED_DEVICE";

    private final long deviceId;
    private final String mac;
    private final transient String provisioningPassword;

    DeviceAuthentication(long deviceId, String mac, String provisioningPassword) {
        super(List.of(new SimpleGrantedAuthority(AUTHORITY)));
        this.deviceId = deviceId;
        this.mac = mac;
        this.provisioningPassword = provisioningPassword;
        setAuthenticated(true);
    }

    public long deviceId() {
        return deviceId;
    }

    public String mac() {
        return mac;
    }

    String provisioningPassword() {
        return provisioningPassword;
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public Object getPrincipal() {
        return this;
    }

    @Override
    public String getName() {
        return mac;
    }

    @Override
    public String toString() {
        return "DeviceAuthentication[device " + deviceId + ", mac " + mac + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeviceAuthentication other && other.deviceId == deviceId && other.mac.equals(mac);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(deviceId) * 31 + mac.hashCode();
    }
}
