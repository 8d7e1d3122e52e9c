package org.govtel.sip.dialplan;

import java.util.Optional;
import org.govtel.sip.directory.Directory;
import org.govtel.sip.directory.ServiceNumber;
import org.govtel.sip.directory.SipAccount;
import org.govtel.sip.directory.Site;

/**
 * Turns what a caller dialed into a destination. The plan is data (sites with their number
 * blocks, reserved service numbers), read from the {@link Directory}; this class holds only the
 * order in which the data is consulted:
 * <ol>
 *   <li>a reserved service number (operator, conference rooms) goes to its service;</li>
 *   <li>a full extension number reaches any site;</li>
 *   <li>a short number as long as the caller's site local part is expanded with that site's
 *       prefix;</li>
 *   <li>anything else is unknown.</li>
 * </ol>
 */
public final class DialPlan {

    /** Where a dialed number leads. */
    public sealed interface Destination {
        record Extension(SipAccount account) implements Destination { }
        record Service(ServiceNumber service) implements Destination { }
        record Unknown(String dialed) implements Destination { }
    }

    private final Directory directory;

    public DialPlan(Directory directory) {
        this.directory = directory;
    }

    public Destination resolve(String dialed, String callerSiteCode) {
        String digits = normalise(dialed);
        if (digits.isEmpty()) {
            return new Destination.Unknown(dialed);
        }
        Optional<ServiceNumber> service = directory.findService(digits);
        if (service.isPresent()) {
            return new Destination.Service(service.get());
        }
        Optional<SipAccount> full = directory.findExtension(digits);
        if (full.isPresent()) {
            return new Destination.Extension(full.get());
        }
        if (callerSiteCode != null) {
            Optional<Site> site = directory.findSite(callerSiteCode);
            if (site.isPresent() && digits.length() == site.get().localDigits()) {
                String expanded = site.get().prefix() + digits;
                Optional<ServiceNumber> expandedService = directory.findService(expanded);
                if (expandedService.isPresent()) {
                    return new Destination.Service(expandedService.get());
                }
                Optional<SipAccount> local = directory.findExtension(expanded);
                if (local.isPresent()) {
                    return new Destination.Extension(local.get());
                }
            }
        }
        return new Destination.Unknown(dialed);
    }

    /** Phones send visual separators ("100-101") and sometimes a leading '+'; keep the digits. */
    static String normalise(String dialed) {
        if (dialed == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(dialed.length());
        for (int i = 0; i < dialed.length(); i++) {
            char c = dialed.charAt(i);
            if (c >= '0' && c <= '9') {
                sb.append(c);
            } else if (c != '-' && c != '.' && c != ' ' && c != '(' && c != ')' && !(c == '+' && i == 0)) {
                return ""; // letters or other symbols: not a number of our plan
            }
        }
        return sb.toString();
    }
}
