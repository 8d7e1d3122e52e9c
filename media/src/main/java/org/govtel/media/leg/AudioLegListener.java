package org.govtel.media.leg;

import org.govtel.media.dtmf.DtmfListener;

/**
 * Events of one {@link AudioLeg}. Called on the leg's RTP event loop thread: return quickly and
 * never block (hand work to another executor).
 */
public interface AudioLegListener extends DtmfListener {

    /**
     * No RTP has arrived for the configured timeout while the negotiated direction says the remote
     * sends (not fired while the remote holds the call). The SIP layer usually hangs up.
     */
    default void onMediaTimeout(AudioLeg leg) {
    }
}
