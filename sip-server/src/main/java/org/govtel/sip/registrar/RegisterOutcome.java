package org.govtel.sip.registrar;

import java.time.Instant;
import java.util.List;
import org.govtel.sip.auth.DigestChallenge;

/** The registrar's answer to a REGISTER, for whichever path writes the response. */
public sealed interface RegisterOutcome {

    /** 200 OK listing every current binding with its remaining time at {@code now} (§10.3 step 8). */
    record Registered(List<Binding> bindings, Instant now) implements RegisterOutcome { }

    /** 401 with these challenges. */
    record Challenged(List<DigestChallenge> challenges) implements RegisterOutcome { }

    /** 423 Interval Too Brief with a Min-Expires header. */
    record TooBrief(int minExpires) implements RegisterOutcome { }

    /** Any other refusal, with our reason phrase. */
    record Refused(int status, String reason) implements RegisterOutcome { }
}
