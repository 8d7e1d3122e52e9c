package org.govtel.provisioning.phoneconfig;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a request under {@code /provisioning/} asks for, read from its path. The file names are
 * the ones the phones ask for by themselves:
 * <ul>
 *   <li>{@code {mac}.cfg}: Yealink ("MAC-Oriented CFG file", Yealink Auto Provisioning Guide),
 *       Fanvil (Fanvil Auto Provisioning: device file {@code {mac}.cfg}) and Polycom (the master
 *       configuration file {@code {mac}.cfg}, Polycom UC Software Administrator Guide);</li>
 *   <li>{@code cfg{mac}.xml}: Grandstream (GXP/GRP administration guides, "XML config file");</li>
 *   <li>{@code {mac}-govtel.cfg}: the Polycom configuration file the master file lists.</li>
 * </ul>
 * The MAC may be upper or lower case, and the vendor's prefix or suffix may be left out
 * ({@code 001565aabbcc}, {@code cfg001565AABBCC}, {@code 001565aabbcc.xml}): the device's vendor
 * as stored decides the format, not the file name. Phonebooks are {@code phonebook/yealink.xml}
 * and {@code phonebook/grandstream.xml}, also as {@code phonebook/grandstream/phonebook.xml}
 * because a Grandstream phone appends {@code /phonebook.xml} to its configured path (P331).
 */
public record ProvisioningFile(Kind kind, String mac, String name) {

    public enum Kind {
        /** The device's configuration (Polycom: its master configuration file). */
        DEVICE_CONFIG,
        /** The Polycom configuration file named by the master file. */
        POLYCOM_CONFIG,
        YEALINK_PHONEBOOK,
        GRANDSTREAM_PHONEBOOK,
        UNKNOWN
    }

    public static final String POLYCOM_CONFIG_SUFFIX = "-govtel.cfg";

    private static final Pattern DEVICE_FILE = Pattern.compile("(?i)(?:cfg)?([0-9a-f]{12})(?:\\.cfg|\\.xml)?");
    private static final Pattern POLYCOM_FILE = Pattern.compile("(?i)([0-9a-f]{12})" + Pattern.quote(POLYCOM_CONFIG_SUFFIX));

    /** {@code name}: the path below {@code /provisioning/}, e.g. {@code cfg001565aabbcc.xml}. */
    public static ProvisioningFile parse(String name) {
        String n = name == null ? "" : name;
        switch (n) {
            case "phonebook/yealink.xml":
                return new ProvisioningFile(Kind.YEALINK_PHONEBOOK, null, n);
            case "phonebook/grandstream.xml":
            case "phonebook/grandstream/phonebook.xml":
                return new ProvisioningFile(Kind.GRANDSTREAM_PHONEBOOK, null, n);
            default:
                break;
        }
        Matcher polycom = POLYCOM_FILE.matcher(n);
        if (polycom.matches()) {
            return new ProvisioningFile(Kind.POLYCOM_CONFIG, polycom.group(1).toLowerCase(Locale.ROOT), n);
        }
        Matcher device = DEVICE_FILE.matcher(n);
        if (device.matches()) {
            return new ProvisioningFile(Kind.DEVICE_CONFIG, device.group(1).toLowerCase(Locale.ROOT), n);
        }
        return new ProvisioningFile(Kind.UNKNOWN, null, n);
    }

    /** Whether the file belongs to one device (named by MAC), as opposed to a shared phonebook. */
    public boolean perDevice() {
        return kind == Kind.DEVICE_CONFIG || kind == Kind.POLYCOM_CONFIG;
    }
}
