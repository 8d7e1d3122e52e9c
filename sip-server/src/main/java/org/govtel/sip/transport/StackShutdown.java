package org.govtel.sip.transport;

import javax.sip.SipStack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stops a JAIN SIP stack completely, working around a race in the stack's own shutdown. */
public final class StackShutdown {

    private static final Logger log = LoggerFactory.getLogger(StackShutdown.class);

    private StackShutdown() {
    }

    public static void stop(SipStack stack) {
        try {
            stack.stop();
        } catch (RuntimeException e) {
            // JAIN SIP RI's UDP processor can trip over its own exiting reader threads while it
            // stops (ConcurrentModificationException). Its socket is closed by then and it is
            // already off the stack's list, so a second stop finishes the other processors, the
            // timers and the thread pools.
            log.debug("SIP stack stop interrupted ({}); stopping the rest", e.toString());
            stack.stop();
        }
    }
}
