package org.govtel.conference.video;

/**
 * A venue whose media another media server carries (a Kurento Media Server node): this node keeps
 * the meeting (roster, chair, who is broadcast) and tells the media server what each venue sees and
 * whether it is heard. Made by {@link RemoteMediaNodes#open}; closed when the venue leaves.
 */
public interface RemoteVenueMedia {

    /** The SDP answer for the venue's browser. */
    String answerSdp();

    /** Shows {@code source}'s camera on this venue's screen (null: nothing). Called on every view update. */
    void show(VideoEndpoint source);

    /** The venue this one's screen shows, or null. */
    VideoEndpoint showing();

    /** Takes this venue out of (or back into) the room's audio mix; it still hears everyone. */
    void setMuted(boolean muted);

    boolean isMuted();

    boolean isConnected();

    /** How long the media server has seen no media from this venue, in milliseconds (0 while it flows). */
    long millisSinceMedia();

    /** A trickled ICE candidate from the browser. */
    void addRemoteCandidate(String candidate, String sdpMid, int sdpMLineIndex);

    /** Releases what the venue holds on the media server. */
    void close();
}
