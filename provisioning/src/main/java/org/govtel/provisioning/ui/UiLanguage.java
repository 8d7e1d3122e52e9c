package org.govtel.provisioning.ui;

import java.util.Locale;
import java.util.Optional;

/**
 * The languages of the admin UI. Chinese first (the default); Kazakh and Uyghur as written in
 * Xinjiang, in Arabic script, so their pages are laid out right-to-left; English for engineers.
 * {@link #label} is the language's own name, as a speaker looks for it in the language menu.
 */
public enum UiLanguage {
    ZH("zh", "中文", false),
    KK("kk", "قازاقشا", true),
    UG("ug", "ئۇيغۇرچە", true),
    EN("en", "English", false);

    public static final UiLanguage DEFAULT = ZH;

    private final String code;
    private final String label;
    private final boolean rtl;
    private final Locale locale;

    UiLanguage(String code, String label, boolean rtl) {
        this.code = code;
        this.label = label;
        this.rtl = rtl;
        this.locale = Locale.forLanguageTag(code);
    }

    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    public boolean rtl() {
        return rtl;
    }

    /** The value of the HTML {@code dir} attribute. */
    public String dir() {
        return rtl ? "rtl" : "ltr";
    }

    public Locale locale() {
        return locale;
    }

    public static Optional<UiLanguage> byCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        for (UiLanguage l : values()) {
            if (l.code.equalsIgnoreCase(code.trim())) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    /** The UI language of a locale; any other language gets the default. */
    public static UiLanguage of(Locale locale) {
        return locale == null ? DEFAULT : byCode(locale.getLanguage()).orElse(DEFAULT);
    }
}
