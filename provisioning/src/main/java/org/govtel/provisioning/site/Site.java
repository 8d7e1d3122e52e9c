package org.govtel.provisioning.site;

import java.util.List;
import java.util.Objects;

/**
 * A site of the network (the prefecture seat, a county, city, border port or township) and its
 * number block: every extension of the site starts with {@code numberPrefix}, and staff inside
 * the site may dial just the last {@code localDigits} digits. {@code id} is null until stored.
 */
public record Site(Long id, Long parentId, SiteKind kind, String code, String nameZh, String nameEn,
                   String numberPrefix, int localDigits, String timeZone, String phoneLanguage) {

    /** Every extension number in the network has this many digits. */
    public static final int NUMBER_DIGITS = 6;

    public static final String DEFAULT_TIME_ZONE = "Asia/Shanghai";

    /** Languages a site's desk phones may show: Chinese, Kazakh, Uyghur, English. */
    public static final List<String> PHONE_LANGUAGES = List.of("zh", "kk", "ug", "en");
    public static final String DEFAULT_PHONE_LANGUAGE = "zh";

    public Site {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(nameZh, "nameZh");
        Objects.requireNonNull(nameEn, "nameEn");
        Objects.requireNonNull(numberPrefix, "numberPrefix");
        if (numberPrefix.isEmpty() || numberPrefix.length() >= NUMBER_DIGITS
                || !numberPrefix.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("number prefix must be 1 to 5 digits: " + numberPrefix);
        }
        if (localDigits != localDigitsFor(numberPrefix)) {
            throw new IllegalArgumentException("a site with prefix " + numberPrefix + " has "
                    + localDigitsFor(numberPrefix) + " local digits, not " + localDigits);
        }
        if (timeZone == null) {
            timeZone = DEFAULT_TIME_ZONE;
        }
        if (phoneLanguage == null) {
            phoneLanguage = DEFAULT_PHONE_LANGUAGE;
        }
        if (!PHONE_LANGUAGES.contains(phoneLanguage)) {
            throw new IllegalArgumentException("phone language must be one of " + PHONE_LANGUAGES + ": " + phoneLanguage);
        }
    }

    /** A new (unsaved) site; the local part is whatever the prefix leaves of the 6 digits. */
    public static Site of(Long parentId, SiteKind kind, String code, String nameZh, String nameEn, String prefix) {
        return new Site(null, parentId, kind, code, nameZh, nameEn, prefix, localDigitsFor(prefix), DEFAULT_TIME_ZONE,
                DEFAULT_PHONE_LANGUAGE);
    }

    public static int localDigitsFor(String prefix) {
        return NUMBER_DIGITS - prefix.length();
    }

    /** Whether a full extension number belongs to this site's block. */
    public boolean owns(String number) {
        return number.length() == NUMBER_DIGITS && number.startsWith(numberPrefix);
    }

    Site withId(long newId) {
        return new Site(newId, parentId, kind, code, nameZh, nameEn, numberPrefix, localDigits, timeZone, phoneLanguage);
    }
}
