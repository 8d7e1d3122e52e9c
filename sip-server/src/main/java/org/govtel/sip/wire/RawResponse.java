package org.govtel.sip.wire;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes a response to a {@link RawMessage} straight to bytes (RFC 3261 §8.2.6): the request's
 * Via, From, Call-ID and CSeq copied, To copied with our tag added, the top Via marked with the
 * address and port the request came from (§18.2.1, RFC 3581 §4), then the headers of this
 * response.
 */
public final class RawResponse {

    private final StringBuilder text = new StringBuilder(512);

    /**
     * Starts a response. {@code sourceHost}/{@code sourcePort} are where the request's datagram came
     * from. When the request's To has no tag yet, ours is added ({@link StatelessTags}).
     */
    public RawResponse(RawMessage request, HeaderValues.Via topVia, int status, String reason,
                       String sourceHost, int sourcePort) {
        text.append("SIP/2.0 ").append(status).append(' ');
        appendUtf8(reason);
        text.append("\r\n");
        List<String> vias = request.headers("via");
        for (int h = 0; h < vias.size(); h++) {
            List<String> entries = h == 0 ? HeaderValues.splitList(vias.get(0)) : List.of(vias.get(h));
            for (int e = 0; e < entries.size(); e++) {
                text.append("Via: ");
                if (h == 0 && e == 0) {
                    text.append(HeaderValues.stampedVia(topVia, sourceHost, sourcePort));
                } else {
                    text.append(entries.get(e));
                }
                text.append("\r\n");
            }
        }
        text.append("From: ").append(request.header("from")).append("\r\n");
        String to = request.header("to");
        text.append("To: ").append(to);
        HeaderValues.Address toAddress = HeaderValues.address(to);
        if (status > 100 && (toAddress == null || toAddress.param("tag") == null)) {
            // §8.2.6.2: a response we originate carries our To tag.
            HeaderValues.Address from = HeaderValues.address(request.header("from"));
            text.append(";tag=").append(StatelessTags.of(topVia.branch(), request.header("call-id"),
                    from == null ? null : from.param("tag")));
        }
        text.append("\r\n");
        text.append("Call-ID: ").append(request.header("call-id")).append("\r\n");
        text.append("CSeq: ").append(request.header("cseq")).append("\r\n");
    }

    /** Adds a header; the value may hold any text (it goes out as UTF-8). */
    public RawResponse header(String name, String value) {
        text.append(name).append(": ");
        appendUtf8(value);
        text.append("\r\n");
        return this;
    }

    /** The finished message, with an empty body. */
    public byte[] toBytes() {
        text.append("Content-Length: 0\r\n\r\n");
        return text.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private void appendUtf8(String value) {
        text.append(RawMessage.wireText(value));
    }
}
