package org.govtel.conference.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.govtel.sip.testing.Sipp;

/** Media addresses out of a SIPp call, for the test RTP endpoint that plays the phone's audio. */
public final class SippMedia {

    private static final Pattern MEDIA_PORT = Pattern.compile("m=audio (\\d+) RTP/AVP");

    private SippMedia() {
    }

    /**
     * The RTP port in the far end's SDP (the bridge's answer or offer), read from SIPp's message
     * log: the first {@code m=audio} port that is not the phone's own.
     */
    public static int remoteRtpPort(Sipp sipp, int ownPort) throws InterruptedException, java.io.IOException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            Path log = sipp.messageLog();
            if (log != null && Files.exists(log)) {
                Matcher m = MEDIA_PORT.matcher(Files.readString(log, StandardCharsets.ISO_8859_1));
                while (m.find()) {
                    int port = Integer.parseInt(m.group(1));
                    if (port != ownPort) {
                        return port;
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the far end never answered with SDP");
    }
}
