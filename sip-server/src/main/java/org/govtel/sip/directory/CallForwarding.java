package org.govtel.sip.directory;

/**
 * An extension's call forwarding: the number a call goes to instead, always, when the phone is
 * busy, or when nobody answers (also used when no phone is registered: the caller is better
 * served by the colleague or voicemail the user chose than by "temporarily unavailable").
 * A null target means that kind of forwarding is off. Targets are dialed numbers, resolved by
 * the dial plan as if the forwarding extension had dialed them.
 */
public record CallForwarding(String always, String busy, String noAnswer) {

    public static final CallForwarding NONE = new CallForwarding(null, null, null);

    /** Why a call was forwarded, with its RFC 5806 Diversion reason. */
    public enum Reason {
        UNCONDITIONAL("unconditional"),
        USER_BUSY("user-busy"),
        NO_ANSWER("no-answer"),
        UNAVAILABLE("unavailable");

        private final String diversionReason;

        Reason(String diversionReason) {
            this.diversionReason = diversionReason;
        }

        public String diversionReason() {
            return diversionReason;
        }
    }

    public CallForwarding {
        always = blankToNull(always);
        busy = blankToNull(busy);
        noAnswer = blankToNull(noAnswer);
    }

    /** The target for a reason; no-answer forwarding also covers an extension with no phone online. */
    public String target(Reason reason) {
        switch (reason) {
            case UNCONDITIONAL:
                return always;
            case USER_BUSY:
                return busy;
            default:
                return noAnswer;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
