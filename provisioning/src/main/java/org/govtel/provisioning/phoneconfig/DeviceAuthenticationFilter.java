package org.govtel.provisioning.phoneconfig;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.govtel.provisioning.device.Device;
import org.govtel.provisioning.device.DeviceRepository;
import org.govtel.provisioning.device.Mac;
import org.govtel.provisioning.device.ProvisioningPasswords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Decides who may fetch what under {@code /provisioning/}, and logs every request with its
 * answer. The file name names the device (its MAC): an unknown MAC is 404 whatever the
 * credentials; a known one needs HTTP Basic (RFC 7617) with that very MAC as user name and the
 * device's provisioning password (401 with a challenge otherwise), so nobody fetches a phone's SIP
 * password by guessing MAC addresses, and one phone cannot fetch another's file. A phonebook names
 * no device: any device's own credentials open it.
 *
 * <p>Not a Spring bean (Boot would register it for every URL): the provisioning filter chain
 * creates it.
 */
final class DeviceAuthenticationFilter extends OncePerRequestFilter {

    static final String PATH_PREFIX = "/provisioning/";
    static final String REALM = "GovTel provisioning";

    private static final Logger log = LoggerFactory.getLogger(DeviceAuthenticationFilter.class);

    private final DeviceRepository devices;
    private final FetchLog fetchLog;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    DeviceAuthenticationFilter(DeviceRepository devices, FetchLog fetchLog) {
        this.devices = devices;
        this.fetchLog = fetchLog;
    }

    private record Credentials(String user, String password) {
        @Override
        public String toString() {
            return "Credentials[" + user + ", password hidden]";
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String name = path.startsWith(PATH_PREFIX) ? path.substring(PATH_PREFIX.length()) : path;
        ProvisioningFile file = ProvisioningFile.parse(name);
        String mac = file.mac();
        Long deviceId = null;
        int status = HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
        try {
            if (file.kind() == ProvisioningFile.Kind.UNKNOWN) {
                status = refuse(response, HttpServletResponse.SC_NOT_FOUND);
                return;
            }
            Optional<Credentials> credentials = basicCredentials(request);
            Optional<Device> device;
            if (file.perDevice()) {
                device = devices.findByMac(mac);
                if (device.isEmpty()) {
                    status = refuse(response, HttpServletResponse.SC_NOT_FOUND);
                    return;
                }
            } else {
                // A phonebook: the credentials say which device asks.
                mac = credentials.map(Credentials::user).filter(Mac::valid).map(Mac::normalise).orElse(null);
                device = mac == null ? Optional.empty() : devices.findByMac(mac);
            }
            deviceId = device.map(Device::id).orElse(null);
            if (device.isEmpty() || !authenticates(credentials, device.get())) {
                status = refuse(response, HttpServletResponse.SC_UNAUTHORIZED);
                return;
            }
            SecurityContext context = contexts.createEmptyContext();
            context.setAuthentication(new DeviceAuthentication(device.get().id(), device.get().mac(),
                    credentials.get().password()));
            contexts.setContext(context);
            chain.doFilter(request, response);
            status = response.getStatus();
        } finally {
            String remote = request.getRemoteAddr();
            String userAgent = request.getHeader(HttpHeaders.USER_AGENT);
            fetchLog.record(mac, deviceId, remote == null ? "" : remote, name, status, userAgent);
            // File name and user agent come from the request: one line each, so they cannot forge log lines.
            log.info("Provisioning fetch of {} (MAC {}, device {}) from {} ({}): {}", TextValues.singleLine(name), mac,
                    deviceId, remote, TextValues.singleLine(userAgent), status);
        }
    }

    /** Whether the credentials are this device's: its MAC (any case or form) and its provisioning password. */
    private boolean authenticates(Optional<Credentials> credentials, Device device) {
        if (credentials.isEmpty() || !Mac.valid(credentials.get().user())
                || !Mac.normalise(credentials.get().user()).equals(device.mac())) {
            return false;
        }
        return devices.findProvisioningSecretHash(device.id())
                .map(hash -> ProvisioningPasswords.matches(credentials.get().password(), hash))
                .orElse(false);
    }

    private static Optional<Credentials> basicCredentials(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || header.length() < 6 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return Optional.empty();
            }
            return Optional.of(new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    /** Answers 401 (with the Basic challenge) or 404 with a short text body; returns the status. */
    static int refuse(HttpServletResponse response, int status) throws IOException {
        response.setStatus(status);
        if (status == HttpServletResponse.SC_UNAUTHORIZED) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
        }
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write(status == HttpServletResponse.SC_UNAUTHORIZED
                ? "Authentication required: user name = the phone's MAC address, password = its provisioning password\n"
                : "Not found\n");
        return status;
    }
}
