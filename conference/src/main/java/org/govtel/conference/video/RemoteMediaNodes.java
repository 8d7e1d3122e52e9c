package org.govtel.conference.video;

/**
 * Media servers that carry video meetings in place of this node's own forwarding
 * ({@code govtel.media.backend=kurento}): each room is placed on one of them.
 */
public interface RemoteMediaNodes extends AutoCloseable {

    /**
     * Puts {@code endpoint}'s media on the node that carries {@code room} (placing the room first
     * if it has no node yet) and answers the browser's offer.
     *
     * @throws VideoJoinException (NO_MEDIA_NODE) when no node can take it
     */
    RemoteVenueMedia open(VideoRoom room, VideoEndpoint endpoint, String offerSdp) throws VideoJoinException;

    @Override
    void close();
}
