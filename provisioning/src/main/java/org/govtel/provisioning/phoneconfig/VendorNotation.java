package org.govtel.provisioning.phoneconfig;

import java.time.ZoneOffset;

/**
 * How each vendor writes what GovTel stores in its own terms: the SIP transport, the site's time
 * zone (UTC offset; China has had no daylight saving time since 1991, so none is configured) and
 * the site's phone language. Desk phones have no Kazakh or Uyghur user interface, so those sites'
 * phones show Chinese, the first official language (the phonebook still uses the Kazakh or Uyghur
 * names where they exist).
 */
final class VendorNotation {

    private VendorNotation() {
    }

    // ----- Yealink (Yealink SIP IP Phones Auto Provisioning Guide and Administrator Guide) -----

    /** {@code account.X.sip_server.Y.transport_type}: 0 UDP, 1 TCP, 2 TLS, 3 DNS-NAPTR. */
    static int yealinkTransport(String transport) {
        return switch3(transport, 0, 1, 2);
    }

    /** {@code local_time.time_zone}: the offset in hours, signed, e.g. {@code +8}, {@code +6}, {@code +5:30}. */
    static String yealinkTimeZone(ZoneOffset offset) {
        return signedHours(offset, ":");
    }

    /**
     * {@code local_time.time_zone_name}, only where the name of the firmware's list is certain
     * ({@code China(Beijing)}, the factory default); elsewhere the offset alone is configured
     * (the name only picks daylight saving rules, and there are none here).
     */
    static String yealinkTimeZoneName(ZoneOffset offset) {
        return offset.getTotalSeconds() == 8 * 3600 ? "China(Beijing)" : null;
    }

    /** {@code lang.gui} / {@code lang.wui}: {@code Chinese_S} (simplified Chinese) or {@code English}. */
    static String yealinkLanguage(String language) {
        return "en".equals(language) ? "English" : "Chinese_S";
    }

    // ----- Grandstream (GXP/GRP configuration templates: P-values) -----

    /** P130 (account 1) and P448, P548, P648 (accounts 2-4): 0 UDP, 1 TCP, 2 TLS/TCP. */
    static int grandstreamTransport(String transport) {
        return switch3(transport, 0, 1, 2);
    }

    /**
     * P64, the time zone: one of the firmware's list ({@code TZY-8} "GMT+08:00 Beijing",
     * {@code TZV-6} "GMT+06:00 Almaty"), or {@code customize} with P246 holding a POSIX TZ string.
     */
    static String grandstreamTimeZone(ZoneOffset offset) {
        int seconds = offset.getTotalSeconds();
        if (seconds == 8 * 3600) {
            return "TZY-8";
        }
        if (seconds == 6 * 3600) {
            return "TZV-6";
        }
        return "customize";
    }

    /** P246, the self-defined time zone as POSIX TZ: the sign is the other way round ({@code UTC-8} = UTC+8). */
    static String grandstreamPosixTimeZone(ZoneOffset offset) {
        ZoneOffset west = ZoneOffset.ofTotalSeconds(-offset.getTotalSeconds());
        return "UTC" + signedHours(west, ":").replace("+", "");
    }

    /** P1362, the display language: {@code zh} (simplified Chinese) or {@code en}. */
    static String grandstreamLanguage(String language) {
        return "en".equals(language) ? "en" : "zh";
    }

    // ----- Fanvil (Fanvil auto provisioning, text configuration "<<VOIP CONFIG FILE>>") -----

    /** {@code SIPn Transport}: 0 UDP, 1 TCP, 2 TLS. */
    static int fanvilTransport(String transport) {
        return switch3(transport, 0, 1, 2);
    }

    /** {@code Time Zone}: the offset in quarter hours (UTC+8 = 32, UTC+6 = 24). */
    static int fanvilTimeZone(ZoneOffset offset) {
        return offset.getTotalSeconds() / 900;
    }

    /** {@code Time Zone Name}: {@code UTC+8}. */
    static String fanvilTimeZoneName(ZoneOffset offset) {
        return "UTC" + signedHours(offset, ":");
    }

    /** {@code Default Language}: {@code cn} (simplified Chinese) or {@code en}. */
    static String fanvilLanguage(String language) {
        return "en".equals(language) ? "en" : "cn";
    }

    // ----- Polycom (UC Software Administrator Guide: reg.*, tcpIpApp.sntp.*, lcl.ml.lang) -----

    /** {@code reg.X.server.Y.transport}: {@code UDPOnly}, {@code TCPOnly} or {@code TLS}. */
    static String polycomTransport(String transport) {
        switch (transport) {
            case "tcp":
                return "TCPOnly";
            case "tls":
                return "TLS";
            default:
                return "UDPOnly";
        }
    }

    /** {@code tcpIpApp.sntp.gmtOffset}: the offset in seconds. */
    static int polycomGmtOffset(ZoneOffset offset) {
        return offset.getTotalSeconds();
    }

    /** {@code lcl.ml.lang}: {@code Chinese_China} or {@code English_United_States}. */
    static String polycomLanguage(String language) {
        return "en".equals(language) ? "English_United_States" : "Chinese_China";
    }

    // -----

    private static int switch3(String transport, int udp, int tcp, int tls) {
        switch (transport) {
            case "tcp":
                return tcp;
            case "tls":
                return tls;
            default:
                return udp;
        }
    }

    /** {@code +8}, {@code -3}, {@code +5:30}. */
    private static String signedHours(ZoneOffset offset, String separator) {
        int total = offset.getTotalSeconds();
        int abs = Math.abs(total);
        int hours = abs / 3600;
        int minutes = (abs % 3600) / 60;
        String sign = total < 0 ? "-" : "+";
        return minutes == 0 ? sign + hours : sign + hours + separator + String.format("%02d", minutes);
    }
}
