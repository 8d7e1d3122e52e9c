package org.govtel.media.sdp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * One media description: the {@code m=} line and the lines under it (RFC 4566 §5.14). Attributes
 * are kept in order, unknown ones included; the accessors interpret the ones the audio bridge uses.
 * Build one for an offer or answer with the mutators; {@link SessionDescription#toString()} writes it.
 */
public final class MediaDescription {

    private String media;
    private int port;
    private int portCount = 1;
    private String proto;
    private final List<String> formats = new ArrayList<>();
    private Connection connection;
    private final List<String> bandwidths = new ArrayList<>();
    private final List<Attribute> attributes = new ArrayList<>();
    private MediaDirection sessionDirection; // set by the parser from the session level, may be null

    public MediaDescription(String media, int port, String proto) {
        this.media = media;
        this.port = port;
        this.proto = proto;
    }

    /** The media type, e.g. {@code audio}. */
    public String media() {
        return media;
    }

    /** The transport port; 0 means the stream is rejected or disabled (RFC 3264 §5.1, §6). */
    public int port() {
        return port;
    }

    public int portCount() {
        return portCount;
    }

    /** The transport protocol, e.g. {@code RTP/AVP}. */
    public String proto() {
        return proto;
    }

    /** Whether the protocol is plain (unencrypted) RTP: {@code RTP/AVP} or {@code RTP/AVPF}. */
    public boolean isPlainRtp() {
        String p = proto.toUpperCase(Locale.ROOT);
        return p.equals("RTP/AVP") || p.equals("RTP/AVPF");
    }

    /** The format list of the m= line, in the offerer's order of preference (RFC 3264 §5.1). */
    public List<String> formats() {
        return Collections.unmodifiableList(formats);
    }

    /** The formats that are RTP payload type numbers, in order. */
    public List<Integer> payloadTypes() {
        List<Integer> types = new ArrayList<>(formats.size());
        for (String f : formats) {
            try {
                int pt = Integer.parseInt(f);
                if (pt >= 0 && pt <= 127) {
                    types.add(pt);
                }
            } catch (NumberFormatException e) {
                // not an RTP payload type (e.g. a non-RTP format): skip
            }
        }
        return types;
    }

    /** The media-level c= line, or null (then the session-level one applies). */
    public Connection connection() {
        return connection;
    }

    public List<String> bandwidths() {
        return Collections.unmodifiableList(bandwidths);
    }

    public List<Attribute> attributes() {
        return Collections.unmodifiableList(attributes);
    }

    /** The value of the first attribute called {@code name}, "" for a property, or null when absent. */
    public String attribute(String name) {
        for (Attribute a : attributes) {
            if (a.name().equalsIgnoreCase(name)) {
                return a.value() == null ? "" : a.value();
            }
        }
        return null;
    }

    public boolean hasAttribute(String name) {
        return attribute(name) != null;
    }

    /** The rtpmap of {@code payloadType}, or the static mapping of RFC 3551 when none is given, or null. */
    public RtpMap rtpMap(int payloadType) {
        for (Attribute a : attributes) {
            if (a.name().equalsIgnoreCase("rtpmap") && a.value() != null) {
                RtpMap map = SdpParser.parseRtpMap(a.value(), 0);
                if (map.payloadType() == payloadType) {
                    return map;
                }
            }
        }
        return RtpMap.staticAudio(payloadType);
    }

    /** The fmtp parameters of {@code payloadType} (RFC 4566 §6), or null. */
    public String fmtp(int payloadType) {
        String prefix = payloadType + " ";
        for (Attribute a : attributes) {
            if (a.name().equalsIgnoreCase("fmtp") && a.value() != null) {
                String v = a.value().trim();
                if (v.startsWith(prefix)) {
                    return v.substring(prefix.length()).trim();
                }
                if (v.equals(String.valueOf(payloadType))) {
                    return "";
                }
            }
        }
        return null;
    }

    /** {@code a=ptime} in milliseconds, or -1. */
    public int ptime() {
        String v = attribute("ptime");
        if (v == null) {
            return -1;
        }
        try {
            return (int) Math.round(Double.parseDouble(v.trim()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The direction attribute of this media, else the session-level one, else sendrecv (RFC 4566
     * §6). The hold address 0.0.0.0 is not folded in here: see {@link SdpNegotiator}.
     */
    public MediaDirection direction() {
        for (Attribute a : attributes) {
            for (MediaDirection d : MediaDirection.values()) {
                if (a.value() == null && a.name().equalsIgnoreCase(d.attribute())) {
                    return d;
                }
            }
        }
        return sessionDirection != null ? sessionDirection : MediaDirection.SENDRECV;
    }

    /** {@code a=rtcp} (RFC 3605): the RTCP port, or -1 when absent. */
    public int rtcpPort() {
        String v = attribute("rtcp");
        return v == null ? -1 : SdpParser.parseRtcpPort(v, 0);
    }

    /** The address of {@code a=rtcp}, or null when it gives none. */
    public Connection rtcpConnection() {
        String v = attribute("rtcp");
        return v == null ? null : SdpParser.parseRtcpConnection(v, 0);
    }

    /** Whether {@code a=rtcp-mux} is present (RFC 5761 §5.1.1). */
    public boolean rtcpMux() {
        return hasAttribute("rtcp-mux");
    }

    /** The SDES {@code a=crypto} lines (RFC 4568), parsed but not acted on. */
    public List<CryptoAttribute> cryptos() {
        List<CryptoAttribute> list = new ArrayList<>();
        for (Attribute a : attributes) {
            if (a.name().equalsIgnoreCase("crypto") && a.value() != null) {
                list.add(SdpParser.parseCrypto(a.value(), 0));
            }
        }
        return list;
    }

    /** The {@code a=extmap} lines (RFC 8285). */
    public List<ExtMap> extMaps() {
        List<ExtMap> list = new ArrayList<>();
        for (Attribute a : attributes) {
            if (a.name().equalsIgnoreCase("extmap") && a.value() != null) {
                list.add(SdpParser.parseExtMap(a.value(), 0));
            }
        }
        return list;
    }

    /** The ID negotiated for the RFC 6464 audio level extension, or -1. */
    public int audioLevelExtensionId() {
        for (ExtMap e : extMaps()) {
            if (e.uri().equalsIgnoreCase(ExtMap.SSRC_AUDIO_LEVEL)) {
                return e.id();
            }
        }
        return -1;
    }

    // ------------------------------------------------------------------ building

    public MediaDescription port(int newPort) {
        this.port = newPort;
        return this;
    }

    public MediaDescription portCount(int count) {
        this.portCount = count;
        return this;
    }

    public MediaDescription addFormat(String format) {
        formats.add(format);
        return this;
    }

    public MediaDescription clearFormats() {
        formats.clear();
        return this;
    }

    public MediaDescription connection(Connection c) {
        this.connection = c;
        return this;
    }

    public MediaDescription addBandwidth(String value) {
        bandwidths.add(value);
        return this;
    }

    public MediaDescription addAttribute(Attribute a) {
        attributes.add(a);
        return this;
    }

    public MediaDescription addAttribute(String name, String value) {
        return addAttribute(new Attribute(name, value));
    }

    public MediaDescription addProperty(String name) {
        return addAttribute(Attribute.property(name));
    }

    void sessionDirection(MediaDirection d) {
        this.sessionDirection = d;
    }

    /** The m= line value. */
    String mediaLine() {
        StringBuilder b = new StringBuilder(media).append(' ').append(port);
        if (portCount > 1) {
            b.append('/').append(portCount);
        }
        b.append(' ').append(proto);
        for (String f : formats) {
            b.append(' ').append(f);
        }
        return b.toString();
    }
}
