package org.govtel.media.webrtc;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.govtel.media.sdp.Attribute;
import org.govtel.media.sdp.Connection;
import org.govtel.media.sdp.MediaDescription;
import org.govtel.media.sdp.MediaDirection;
import org.govtel.media.sdp.Origin;
import org.govtel.media.sdp.RtpMap;
import org.govtel.media.sdp.SdpParseException;
import org.govtel.media.sdp.SessionDescription;

/**
 * Offer/answer for a browser (JSEP, RFC 8829): the browser offers, we answer as an ICE-lite,
 * DTLS-passive, BUNDLE-everything endpoint. Audio is Opus; video is VP8 and H.264 (RFC 6184,
 * packetization mode 1, constrained baseline or baseline profile), both answered in the browser's
 * order so it sends the one it prefers and receives either; RTX (RFC 4588) where offered, for our
 * retransmissions; no header extensions on what we forward, so it needs no per-receiver
 * extension mapping. Every other m-line is rejected
 * with port 0 (RFC 3264 §6).
 */
public final class WebRtcSdp {

    private static final SecureRandom RANDOM = new SecureRandom();

    private WebRtcSdp() {
    }

    /** RFC 8843 §15: the MID of a packet's m-line, carried in a header extension. */
    public static final String MID_EXTENSION = "urn:ietf:params:rtp-hdrext:sdes:mid";
    /** Transport-wide sequence numbers for congestion control feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01). */
    public static final String TRANSPORT_CC_EXTENSION =
            "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";
    /** RFC 8852 §3.1: the RID of a simulcast layer. */
    public static final String RID_EXTENSION = "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id";
    /** RFC 8852 §3.2: on an RTX packet, the RID of the layer it repairs. */
    public static final String REPAIRED_RID_EXTENSION = "urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id";

    /**
     * One m-line of the offer and what we make of it.
     *
     * @param rids             the simulcast layers the browser offers to send (RFC 8853), lowest
     *                         first as our page orders them; empty for one stream
     * @param midExtensionId   the offer's ID for the MID header extension, or -1
     * @param ridExtensionId   the offer's ID for the RID header extension, or -1
     * @param repairedRidExtensionId the offer's ID for the repaired-RID extension (which layer an
     *                         RTX packet repairs), or -1
     * @param transportCcExtensionId the offer's ID for transport-wide sequence numbers, or -1
     * @param payloadType      Opus for audio; for video the first of VP8 and H.264 in the offer
     * @param vp8PayloadType   the offer's VP8 payload type, or -1
     * @param h264PayloadType  the offer's H.264 payload type we take, or -1
     * @param rtxPayloadTypes  for each video payload type we take, its RTX payload type (RFC 4588
     *                         {@code apt}) when the offer has one
     */
    public record Section(int index, String mid, String kind, int payloadType, MediaDirection offered,
                          List<String> rids, int midExtensionId, int ridExtensionId, int repairedRidExtensionId,
                          int transportCcExtensionId,
                          int vp8PayloadType, int h264PayloadType, Map<Integer, Integer> rtxPayloadTypes) {

        /** The RTX payload type for {@code payloadType}, or -1. */
        public int rtxFor(int payloadType) {
            return rtxPayloadTypes.getOrDefault(payloadType, -1);
        }
        public boolean accepted() {
            return payloadType >= 0;
        }

        /** Whether the browser will send on this m-line. */
        public boolean browserSends() {
            return accepted() && offered.sends();
        }

        /** Whether the browser wants to receive on this m-line. */
        public boolean browserReceives() {
            return accepted() && offered.receives();
        }

        /** Whether the browser sends simulcast here (and told us the RIDs with their extension). */
        public boolean simulcast() {
            return rids.size() > 1 && ridExtensionId > 0;
        }

        /** The video payload types we answer, in the offer's order (the browser's preference first). */
        public List<Integer> videoPayloadTypes() {
            List<Integer> pts = new ArrayList<>(2);
            if (vp8PayloadType >= 0) {
                pts.add(vp8PayloadType);
            }
            if (h264PayloadType >= 0) {
                pts.add(payloadType == h264PayloadType ? 0 : pts.size(), h264PayloadType);
            }
            return pts;
        }
    }

    /** The parts of a browser's offer we act on. */
    public record Offer(SessionDescription sdp, String iceUfrag, String icePassword, String fingerprint,
                        List<Section> sections) {

        /** The transport-wide sequence number extension's ID (one for the whole BUNDLE), or -1. */
        public int transportCcExtensionId() {
            for (Section s : sections) {
                if (s.accepted() && s.transportCcExtensionId() > 0) {
                    return s.transportCcExtensionId();
                }
            }
            return -1;
        }

        public Section first(String kind) {
            for (Section s : sections) {
                if (s.accepted() && s.kind().equals(kind)) {
                    return s;
                }
            }
            return null;
        }
    }

    /**
     * Reads a browser's offer.
     *
     * @throws SdpParseException when it is not SDP, or lacks ICE credentials, a SHA-256 fingerprint,
     *                           or any m-line we can take
     */
    public static Offer parseOffer(String text) {
        SessionDescription sdp = SessionDescription.parse(text);
        String ufrag = sessionOrFirst(sdp, "ice-ufrag");
        String pwd = sessionOrFirst(sdp, "ice-pwd");
        String fingerprint = sessionOrFirst(sdp, "fingerprint");
        if (ufrag == null || pwd == null) {
            throw new SdpParseException("offer has no a=ice-ufrag / a=ice-pwd", 0);
        }
        if (fingerprint == null || !fingerprint.toLowerCase(java.util.Locale.ROOT).startsWith("sha-256 ")) {
            throw new SdpParseException("offer has no a=fingerprint:sha-256", 0);
        }
        List<Section> sections = new ArrayList<>();
        List<MediaDescription> media = sdp.media();
        for (int i = 0; i < media.size(); i++) {
            MediaDescription m = media.get(i);
            String mid = m.attribute("mid") == null ? String.valueOf(i) : m.attribute("mid");
            int pt = -1;
            int vp8 = -1;
            int h264 = -1;
            Map<Integer, Integer> rtx = Map.of();
            if (m.port() != 0 && m.proto().contains("SAVPF")) {
                if (m.media().equals("audio")) {
                    pt = payloadTypeOf(m, "opus", 48000);
                } else if (m.media().equals("video")) {
                    vp8 = payloadTypeOf(m, "VP8", 90000);
                    h264 = h264PayloadTypeOf(m);
                    pt = firstOf(m, vp8, h264);
                    rtx = rtxPayloadTypes(m, vp8, h264);
                }
            }
            sections.add(new Section(i, mid, m.media(), pt, m.direction(), sendRids(m),
                    extensionId(m, MID_EXTENSION), extensionId(m, RID_EXTENSION),
                    extensionId(m, REPAIRED_RID_EXTENSION), extensionId(m, TRANSPORT_CC_EXTENSION), vp8, h264, rtx));
        }
        if (sections.stream().noneMatch(Section::accepted)) {
            throw new SdpParseException("offer has no Opus audio or VP8/H.264 video m-line", 0);
        }
        return new Offer(sdp, ufrag, pwd, fingerprint, List.copyOf(sections));
    }

    /** Transport-wide feedback for what the browser sends on this m-line, when it offered it. */
    private static void addTransportCc(MediaDescription m, Section s) {
        if (s.transportCcExtensionId() > 0 && s.offered().sends()) {
            m.addAttribute("extmap", s.transportCcExtensionId() + " " + TRANSPORT_CC_EXTENSION);
            for (int pt : s.kind().equals("video") ? s.videoPayloadTypes() : List.of(s.payloadType())) {
                m.addAttribute("rtcp-fb", pt + " transport-cc");
            }
        }
    }

    /** The RIDs of {@code a=simulcast:send ...} (RFC 8853 §5.1), alternatives and paused ones flattened. */
    private static List<String> sendRids(MediaDescription m) {
        String simulcast = m.attribute("simulcast");
        if (simulcast == null) {
            return List.of();
        }
        String[] parts = simulcast.trim().split("\\s+");
        for (int i = 0; i + 1 < parts.length; i += 2) {
            if (parts[i].equals("send")) {
                List<String> rids = new ArrayList<>();
                for (String stream : parts[i + 1].split(";")) {
                    for (String rid : stream.split(",")) {
                        String id = rid.startsWith("~") ? rid.substring(1) : rid;
                        if (!id.isEmpty() && id.length() <= 16 && rids.size() < 4) {
                            rids.add(id);
                        }
                    }
                }
                return List.copyOf(rids);
            }
        }
        return List.of();
    }

    private static int extensionId(MediaDescription m, String uri) {
        for (org.govtel.media.sdp.ExtMap e : m.extMaps()) {
            if (e.uri().equalsIgnoreCase(uri)) {
                return e.id();
            }
        }
        return -1;
    }

    private static String sessionOrFirst(SessionDescription sdp, String name) {
        for (Attribute a : sdp.attributes()) {
            if (a.name().equals(name)) {
                return a.value();
            }
        }
        for (MediaDescription m : sdp.media()) {
            if (m.attribute(name) != null) {
                return m.attribute(name);
            }
        }
        return null;
    }

    /**
     * The H.264 payload type we can forward between browsers: packetization mode 1 (FU-A and
     * STAP-A, RFC 6184 §5.8), constrained baseline profile (42e0xx) if offered, else baseline (4200xx).
     */
    private static int h264PayloadTypeOf(MediaDescription m) {
        int baseline = -1;
        for (int pt : m.payloadTypes()) {
            RtpMap map = m.rtpMap(pt);
            String fmtp = m.fmtp(pt);
            if (map == null || !map.matches("H264", 90000) || fmtp == null
                    || !fmtp.replace(" ", "").contains("packetization-mode=1")) {
                continue;
            }
            String profile = fmtpValue(fmtp, "profile-level-id");
            if (profile != null && profile.toLowerCase(java.util.Locale.ROOT).startsWith("42e0")) {
                return pt;
            }
            if (baseline < 0 && profile != null && profile.startsWith("4200")) {
                baseline = pt;
            }
        }
        return baseline;
    }

    private static String fmtpValue(String fmtp, String name) {
        for (String parameter : fmtp.split(";")) {
            String[] kv = parameter.trim().split("=", 2);
            if (kv.length == 2 && kv[0].equalsIgnoreCase(name)) {
                return kv[1].trim();
            }
        }
        return null;
    }

    /** RFC 4588 §8.6: {@code a=rtpmap:N rtx/90000} with {@code a=fmtp:N apt=P}, for the codecs P we take. */
    private static Map<Integer, Integer> rtxPayloadTypes(MediaDescription m, int... taken) {
        Map<Integer, Integer> rtx = new java.util.HashMap<>();
        for (int pt : m.payloadTypes()) {
            RtpMap map = m.rtpMap(pt);
            String fmtp = m.fmtp(pt);
            String apt = fmtp == null ? null : fmtpValue(fmtp, "apt");
            if (map == null || !map.matches("rtx", 90000) || apt == null || !apt.matches("\\d{1,3}")) {
                continue;
            }
            for (int t : taken) {
                if (t >= 0 && t == Integer.parseInt(apt)) {
                    rtx.putIfAbsent(t, pt);
                }
            }
        }
        return Map.copyOf(rtx);
    }

    /** Whichever of {@code a} and {@code b} (payload types, -1 for none) the m-line lists first. */
    private static int firstOf(MediaDescription m, int a, int b) {
        for (int pt : m.payloadTypes()) {
            if (pt == a || pt == b) {
                return pt;
            }
        }
        return -1;
    }

    private static int payloadTypeOf(MediaDescription m, String encoding, int rate) {
        for (int pt : m.payloadTypes()) {
            RtpMap map = m.rtpMap(pt);
            if (map != null && map.matches(encoding, rate)) {
                return pt;
            }
        }
        return -1;
    }

    /**
     * Our answer: every accepted m-line bundled on {@code transport}'s one host candidate, with the
     * SSRC we send on it (from {@code ssrcByMid}; none for m-lines we only receive on) and, where
     * the browser offered RTX, the SSRC our retransmissions come from ({@code rtxSsrcByMid}).
     */
    public static String answer(Offer offer, WebRtcTransport transport, Map<String, Integer> ssrcByMid,
                                Map<String, Integer> rtxSsrcByMid, String cname) {
        java.net.InetSocketAddress local = transport.localAddress();
        SessionDescription answer = new SessionDescription(new Origin("-",
                Long.toString(RANDOM.nextLong() & Long.MAX_VALUE), "2", "IN",
                local.getAddress() instanceof java.net.Inet6Address ? "IP6" : "IP4", local.getAddress().getHostAddress()));
        answer.sessionName("GovTel");
        StringBuilder bundle = new StringBuilder("BUNDLE");
        for (Section s : offer.sections()) {
            if (s.accepted()) {
                bundle.append(' ').append(s.mid());
            }
        }
        answer.addAttribute(Attribute.of("group", bundle.toString()));
        answer.addAttribute(Attribute.property("ice-lite"));
        answer.addAttribute(Attribute.of("msid-semantic", " WMS govtel"));
        for (Section s : offer.sections()) {
            MediaDescription offered = offer.sdp().media().get(s.index());
            if (!s.accepted()) {
                MediaDescription rejected = new MediaDescription(offered.media(), 0, offered.proto());
                offered.formats().forEach(rejected::addFormat);
                if (offered.attribute("mid") != null) {
                    rejected.addAttribute("mid", offered.attribute("mid"));
                }
                answer.addMedia(rejected);
                continue;
            }
            MediaDescription m = new MediaDescription(s.kind(), local.getPort(), "UDP/TLS/RTP/SAVPF");
            List<Integer> formats = s.kind().equals("video") ? s.videoPayloadTypes() : List.of(s.payloadType());
            formats.forEach(pt -> m.addFormat(Integer.toString(pt)));
            formats.stream().filter(pt -> s.rtxFor(pt) >= 0).forEach(pt -> m.addFormat(Integer.toString(s.rtxFor(pt))));
            m.connection(Connection.of(local.getAddress()));
            m.addAttribute("mid", s.mid());
            m.addAttribute("ice-ufrag", transport.localUfrag());
            m.addAttribute("ice-pwd", transport.localPassword());
            m.addAttribute("fingerprint", transport.identity().fingerprint());
            m.addAttribute("setup", "passive");
            m.addAttribute("candidate", "1 1 udp 2130706431 " + local.getAddress().getHostAddress() + " "
                    + local.getPort() + " typ host");
            m.addProperty("end-of-candidates");
            Integer ssrc = ssrcByMid.get(s.mid());
            MediaDirection direction = MediaDirection.of(ssrc != null && s.offered().receives(), s.offered().sends());
            m.addProperty(direction.attribute());
            m.addProperty("rtcp-mux");
            if (s.kind().equals("audio")) {
                m.addAttribute("rtpmap", s.payloadType() + " opus/48000/2");
                m.addAttribute("fmtp", s.payloadType() + " minptime=10;useinbandfec=1");
                addTransportCc(m, s);
            } else {
                m.addProperty("rtcp-rsize");
                for (int pt : formats) {
                    if (pt == s.vp8PayloadType()) {
                        m.addAttribute("rtpmap", pt + " VP8/90000");
                    } else {
                        m.addAttribute("rtpmap", pt + " H264/90000");
                        m.addAttribute("fmtp", pt + " " + offered.fmtp(pt));
                    }
                    m.addAttribute("rtcp-fb", pt + " goog-remb");
                    m.addAttribute("rtcp-fb", pt + " ccm fir");
                    m.addAttribute("rtcp-fb", pt + " nack");
                    m.addAttribute("rtcp-fb", pt + " nack pli");
                }
                for (int pt : formats) {
                    if (s.rtxFor(pt) >= 0) {
                        m.addAttribute("rtpmap", s.rtxFor(pt) + " rtx/90000");
                        m.addAttribute("fmtp", s.rtxFor(pt) + " apt=" + pt);
                    }
                }
                addTransportCc(m, s);
                if (s.simulcast()) {
                    // RFC 8853: receive the layers as offered; the RID (and MID) extensions name them.
                    if (s.midExtensionId() > 0) {
                        m.addAttribute("extmap", s.midExtensionId() + " " + MID_EXTENSION);
                    }
                    m.addAttribute("extmap", s.ridExtensionId() + " " + RID_EXTENSION);
                    if (s.repairedRidExtensionId() > 0 && !s.rtxPayloadTypes().isEmpty()) {
                        // so that a layer's retransmissions (asked for by our NACKs) say which layer they repair
                        m.addAttribute("extmap", s.repairedRidExtensionId() + " " + REPAIRED_RID_EXTENSION);
                    }
                    for (String rid : s.rids()) {
                        m.addAttribute("rid", rid + " recv");
                    }
                    m.addAttribute("simulcast", "recv " + String.join(";", s.rids()));
                }
            }
            if (direction.sends()) {
                String track = s.kind() + "-" + s.mid();
                m.addAttribute("msid", "govtel " + track);
                Integer rtxSsrc = rtxSsrcByMid.get(s.mid());
                boolean rtx = rtxSsrc != null && !s.rtxPayloadTypes().isEmpty();
                if (rtx) { // RFC 4588 §8.7 / RFC 5576: retransmissions come on their own SSRC
                    m.addAttribute("ssrc-group", "FID " + Integer.toUnsignedString(ssrc) + " "
                            + Integer.toUnsignedString(rtxSsrc));
                }
                for (int source : rtx ? new int[] {ssrc, rtxSsrc} : new int[] {ssrc}) {
                    m.addAttribute("ssrc", Integer.toUnsignedString(source) + " cname:" + cname);
                    m.addAttribute("ssrc", Integer.toUnsignedString(source) + " msid:govtel " + track);
                }
            }
            answer.addMedia(m);
        }
        return answer.toString();
    }
}
