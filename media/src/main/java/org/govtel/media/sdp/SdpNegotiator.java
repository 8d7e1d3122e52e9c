package org.govtel.media.sdp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.govtel.media.codec.OpusCodec;
import org.govtel.media.srtp.SrtpParameters;
import org.govtel.media.srtp.SrtpSuite;

/**
 * SDP offer/answer (RFC 3264) for the one audio stream of a call to or from the conference bridge.
 *
 * <h2>Answering</h2>
 * {@link #negotiate(SessionDescription)} takes the first audio m= line that carries plain RTP
 * ({@code RTP/AVP} or {@code RTP/AVPF}) and a codec we support; within it the codec is the first
 * in the OFFERER's order that we support (RFC 3264 §6.1: the offerer lists formats in its order of
 * preference, and we honour the phone's choice). The answer keeps the offerer's payload type
 * numbers, adds telephone-event (RFC 4733 §7.1.1) when offered at the codec's clock rate, answers
 * {@code a=rtcp-mux} when offered (RFC 5761 §5.1.1), answers RFC 6464 audio levels with the
 * offerer's extension ID, and mirrors the direction (§6.1: sendonly → recvonly, recvonly →
 * sendonly, inactive → inactive; the RFC 2543 hold address {@code c=0.0.0.0} counts as "do not send
 * to me", §8.4). Every other m= line is rejected with port 0 (§6). When no stream is usable the
 * result is {@link Negotiation.NoCommonMedia}, which the SIP layer turns into a 488.
 *
 * <h2>Offering</h2>
 * {@link #createOffer} lists our formats in OUR order of preference, then telephone-event at 8000
 * and, with Opus, at 48000; {@link #acceptAnswer} reads the answer to it.
 *
 * <h2>SRTP with SDES (RFC 4568)</h2>
 * An audio m= line in {@code RTP/SAVP} or {@code RTP/SAVPF} with {@code a=crypto} lines, or in
 * {@code RTP/AVP}/{@code RTP/AVPF} with {@code a=crypto} lines ("best effort SRTP"), is answered with
 * the first line in the OFFERER's order that {@link SdesCrypto#check} accepts (§7.1.2): the same tag
 * and suite, and our own fresh master key||salt (30 random octets, §6.1); the answer keeps the
 * offer's profile. A secure profile with no usable line is refused with the reasons; an RTP/AVP line
 * whose crypto lines are all unusable is answered as plain RTP. {@code UDP/TLS/RTP/SAVP} (DTLS-SRTP)
 * is not supported. {@link #negotiate(SessionDescription, NegotiatedMedia)} keeps our key when a
 * re-offer repeats the phone's key and address (no re-key, §7.1.4); a new key or address from the
 * phone gets a new key from us too. {@link #createOffer(InetSocketAddress, SrtpOffer)} offers SRTP.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class SdpNegotiator {

    /** RFC 4733 event names: "0-16" are the DTMF events 0-9, *, #, A-D and flash (§3.2). */
    public static final String TELEPHONE_EVENT = "telephone-event";
    private static final String TELEPHONE_EVENT_FMTP = "0-16";
    /** Our dynamic payload types for telephone-event in offers. */
    public static final int OFFER_TELEPHONE_EVENT_8000 = 101;
    public static final int OFFER_TELEPHONE_EVENT_48000 = 110;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<AudioFormat> supported;
    private final boolean acceptRtcpMux;
    private final boolean acceptSdes;
    private final String username;

    /**
     * Our default order of preference for offers: Opus, G.722, PCMA, PCMU (Opus only where its
     * native library loads); rtcp-mux answered when offered.
     */
    public static SdpNegotiator defaults() {
        List<AudioFormat> formats = new ArrayList<>();
        if (OpusCodec.isAvailable()) {
            formats.add(AudioFormat.OPUS);
        }
        formats.addAll(List.of(AudioFormat.G722, AudioFormat.PCMA, AudioFormat.PCMU));
        return new SdpNegotiator(formats, true);
    }

    /**
     * @param supported     the formats we accept, in our order of preference (used for offers)
     * @param acceptRtcpMux whether to answer rtcp-mux when offered
     */
    public SdpNegotiator(List<AudioFormat> supported, boolean acceptRtcpMux) {
        this(supported, acceptRtcpMux, true);
    }

    /**
     * @param supported     the formats we accept, in our order of preference (used for offers)
     * @param acceptRtcpMux whether to answer rtcp-mux when offered
     * @param acceptSdes    whether to answer SDES a=crypto with SRTP (else RTP/SAVP offers are refused and
     *                      crypto lines on RTP/AVP are ignored)
     */
    public SdpNegotiator(List<AudioFormat> supported, boolean acceptRtcpMux, boolean acceptSdes) {
        if (supported.isEmpty()) {
            throw new IllegalArgumentException("no supported audio format");
        }
        this.supported = List.copyOf(supported);
        this.acceptRtcpMux = acceptRtcpMux;
        this.acceptSdes = acceptSdes;
        this.username = "govtel";
    }

    public List<AudioFormat> supported() {
        return supported;
    }

    // ------------------------------------------------------------------ answering an offer

    /** Negotiates against an offer from the remote party (a new session: fresh SRTP keys). */
    public Negotiation negotiate(SessionDescription offer) {
        return negotiate(offer, null);
    }

    /**
     * Negotiates a re-offer in a session whose media is {@code current} (null for a new session):
     * when SRTP goes on with the same suite, the same remote key and the same remote address, our
     * key is kept, so a session refresh or hold does not re-key (RFC 4568 §7.1.4).
     */
    public Negotiation negotiate(SessionDescription offer, NegotiatedMedia current) {
        Objects.requireNonNull(offer, "offer");
        List<String> problems = new ArrayList<>();
        int index = -1;
        for (MediaDescription m : offer.media()) {
            index++;
            if (!m.media().equalsIgnoreCase("audio") || m.port() == 0) {
                continue;
            }
            boolean secure = isSecureProfile(m.proto());
            if (!m.isPlainRtp() && !(secure && acceptSdes)) {
                problems.add("transport " + m.proto() + " is not supported ("
                        + (acceptSdes ? "RTP/AVP, or RTP/SAVP with SDES a=crypto" : "plain RTP/AVP only") + ")");
                continue;
            }
            SdesCrypto.Checked crypto = null;
            if (acceptSdes && !m.cryptos().isEmpty()) {
                List<String> refused = new ArrayList<>();
                for (CryptoAttribute line : m.cryptos()) {
                    SdesCrypto.Checked checked = SdesCrypto.check(line);
                    if (checked.usable()) {
                        crypto = checked;
                        break;
                    }
                    refused.add(checked.problem());
                }
                if (crypto == null && secure) {
                    problems.add(m.proto() + " offered but no a=crypto line is usable: " + String.join(", ", refused)
                            + " (supported: " + describeSuites() + ")");
                    continue;
                }
            } else if (secure) {
                problems.add(m.proto() + " offered without a=crypto (only SDES keying is supported, "
                        + "not DTLS-SRTP)");
                continue;
            }
            AudioFormat chosen = null;
            int chosenPt = -1;
            for (int pt : m.payloadTypes()) {
                RtpMap map = m.rtpMap(pt);
                for (AudioFormat f : supported) {
                    if (f.matches(map)) {
                        chosen = f;
                        chosenPt = pt;
                        break;
                    }
                }
                if (chosen != null) {
                    break;
                }
            }
            if (chosen == null) {
                problems.add("no common codec: offered " + describeOffered(m) + "; supported " + describeSupported());
                continue;
            }
            int eventPt = findTelephoneEvent(m, chosen.clockRate());
            Connection c = offer.connectionFor(m);
            boolean hold = c.isHoldAddress();
            MediaDirection offered = hold ? m.direction().withoutReceiving() : m.direction();
            MediaDirection ours = offered.answerFor();
            boolean mux = acceptRtcpMux && m.rtcpMux() && !collidesWithRtcp(chosenPt) && !collidesWithRtcp(eventPt);
            InetSocketAddress rtp = hold ? null : socketAddress(c, m.port());
            InetSocketAddress rtcp = rtp == null ? null : rtcpAddress(m, c, rtp, mux);
            int levelId = m.audioLevelExtensionId();
            SrtpParameters srtp = crypto == null ? null : answerKeys(crypto, current, rtp);
            NegotiatedMedia media = new NegotiatedMedia(chosen, chosenPt, eventPt, rtp, rtcp, mux, ours,
                    m.ptime(), levelId, srtp);
            return new Negotiation.Accepted(media, this, offer, index);
        }
        if (problems.isEmpty()) {
            problems.add("no audio stream offered");
        }
        return new Negotiation.NoCommonMedia(String.join("; ", problems));
    }

    /**
     * The SRTP of our answer: the offered line's suite, tag and key, and our key — the current one
     * when nothing on the phone's side changed, else a fresh one (RFC 4568 §7.1.4: a new address or
     * key means a new crypto context).
     */
    private static SrtpParameters answerKeys(SdesCrypto.Checked offered, NegotiatedMedia current,
                                             InetSocketAddress remoteRtp) {
        SrtpParameters previous = current == null ? null : current.srtp();
        byte[] local;
        // A hold with c=0.0.0.0 (or the resume from it) is no new address: no address to compare.
        boolean sameAddress = previous != null && (remoteRtp == null || current.remoteRtp() == null
                || remoteRtp.equals(current.remoteRtp()));
        if (sameAddress && previous.suite() == offered.suite() && previous.remoteKeyEquals(offered.keySalt())) {
            local = previous.localKeySalt();
        } else {
            local = SrtpParameters.newKeySalt();
        }
        return new SrtpParameters(offered.line().tag(), offered.suite(), offered.keySalt(), local);
    }

    private static boolean isSecureProfile(String proto) {
        String p = proto.toUpperCase(Locale.ROOT);
        return p.equals("RTP/SAVP") || p.equals("RTP/SAVPF");
    }

    /** Builds the answer of an accepted negotiation (RFC 3264 §6). */
    SessionDescription buildAnswer(Negotiation.Accepted accepted, InetSocketAddress localRtp, Origin origin) {
        NegotiatedMedia media = accepted.media();
        SessionDescription answer = new SessionDescription(origin).sessionName("GovTel")
                .connection(Connection.of(localRtp.getAddress()));
        List<String> timings = accepted.offer().timings();
        answer.addTiming(timings.isEmpty() ? "0 0" : timings.get(0)); // §6: t= of the offer
        int index = 0;
        for (MediaDescription offered : accepted.offer().media()) {
            if (index++ != accepted.mediaIndex()) {
                // §6: a rejected stream keeps its m= line with port 0 and the offered formats.
                MediaDescription rejected = new MediaDescription(offered.media(), 0, offered.proto());
                for (String f : offered.formats()) {
                    rejected.addFormat(f);
                }
                if (offered.formats().isEmpty()) {
                    rejected.addFormat("0");
                }
                answer.addMedia(rejected);
                continue;
            }
            MediaDescription m = new MediaDescription("audio", localRtp.getPort(), offered.proto());
            addFormat(m, media.payloadType(), media.format());
            if (media.hasTelephoneEvent()) {
                addTelephoneEvent(m, media.telephoneEventPayloadType(), media.clockRate());
            }
            m.addAttribute("ptime", "20");
            if (media.rtcpMux()) {
                m.addProperty("rtcp-mux");
            }
            if (media.audioLevelExtensionId() > 0) {
                m.addAttribute("extmap", new ExtMap(media.audioLevelExtensionId(), null, ExtMap.SSRC_AUDIO_LEVEL,
                        null).value());
            }
            if (media.srtp() != null) {
                // RFC 4568 §7.1.2: one line, the offer's tag and suite, our own key.
                SrtpParameters srtp = media.srtp();
                m.addAttribute("crypto", SdesCrypto.value(srtp.tag(), srtp.suite(), srtp.localKeySalt()));
            }
            m.addProperty(media.direction().attribute());
            answer.addMedia(m);
        }
        return answer;
    }

    // ------------------------------------------------------------------ offering

    /** An offer for dial-out: our formats in our order of preference, telephone-event, rtcp-mux. */
    public SessionDescription createOffer(InetSocketAddress localRtp) {
        return createOffer(localRtp, newOrigin(localRtp.getAddress()));
    }

    public SessionDescription createOffer(InetSocketAddress localRtp, Origin origin) {
        return createOffer(localRtp, origin, SrtpOffer.NONE);
    }

    /**
     * An offer for dial-out with SRTP as {@code srtp} says: {@code a=crypto:1} AES_CM_128_HMAC_SHA1_80 and
     * {@code a=crypto:2} AES_CM_128_HMAC_SHA1_32, each with its own fresh key (RFC 4568 §6.1). The keys
     * live only in the returned SDP; {@link #acceptAnswer} reads ours back from it.
     */
    public SessionDescription createOffer(InetSocketAddress localRtp, SrtpOffer srtp) {
        return createOffer(localRtp, newOrigin(localRtp.getAddress()), srtp);
    }

    public SessionDescription createOffer(InetSocketAddress localRtp, Origin origin, SrtpOffer srtp) {
        Objects.requireNonNull(srtp, "srtp");
        SessionDescription offer = new SessionDescription(origin).sessionName("GovTel")
                .connection(Connection.of(localRtp.getAddress())).addTiming("0 0");
        MediaDescription m = new MediaDescription("audio", localRtp.getPort(),
                srtp == SrtpOffer.REQUIRED ? "RTP/SAVP" : "RTP/AVP");
        boolean opus = false;
        for (AudioFormat f : supported) {
            addFormat(m, f.offerPayloadType(), f);
            opus |= f == AudioFormat.OPUS;
        }
        if (opus) {
            addTelephoneEvent(m, OFFER_TELEPHONE_EVENT_48000, 48000);
        }
        addTelephoneEvent(m, OFFER_TELEPHONE_EVENT_8000, 8000);
        m.addAttribute("ptime", "20");
        if (acceptRtcpMux) {
            m.addProperty("rtcp-mux");
        }
        if (srtp != SrtpOffer.NONE) {
            int tag = 1;
            for (SrtpSuite suite : SrtpSuite.values()) {
                m.addAttribute("crypto", SdesCrypto.value(tag++, suite, SrtpParameters.newKeySalt()));
            }
        }
        m.addProperty(MediaDirection.SENDRECV.attribute());
        offer.addMedia(m);
        return offer;
    }

    /**
     * Reads the answer to an offer made by {@link #createOffer}. Per RFC 3264 §5.1/§6.1 the answer's
     * payload types are the ones the remote wants to receive, so we send with its numbers.
     */
    public Negotiation acceptAnswer(SessionDescription ourOffer, SessionDescription answer) {
        Objects.requireNonNull(answer, "answer");
        if (answer.media().size() != ourOffer.media().size()) {
            return new Negotiation.NoCommonMedia("the answer has " + answer.media().size()
                    + " media lines for the " + ourOffer.media().size() + " offered (RFC 3264 §6)");
        }
        int index = -1;
        for (MediaDescription m : answer.media()) {
            index++;
            if (!m.media().equalsIgnoreCase("audio") || m.port() == 0) {
                continue;
            }
            for (int pt : m.payloadTypes()) {
                RtpMap map = m.rtpMap(pt);
                for (AudioFormat f : supported) {
                    if (f.matches(map)) {
                        Connection c = answer.connectionFor(m);
                        boolean hold = c.isHoldAddress();
                        MediaDirection theirs = hold ? m.direction().withoutReceiving() : m.direction();
                        int eventPt = findTelephoneEvent(m, f.clockRate());
                        boolean mux = acceptRtcpMux && m.rtcpMux() && !collidesWithRtcp(pt)
                                && !collidesWithRtcp(eventPt);
                        InetSocketAddress rtp = hold ? null : socketAddress(c, m.port());
                        InetSocketAddress rtcp = rtp == null ? null : rtcpAddress(m, c, rtp, mux);
                        SrtpParameters srtp;
                        try {
                            srtp = answeredKeys(ourOffer.media().get(index), m);
                        } catch (IllegalArgumentException e) {
                            return new Negotiation.NoCommonMedia(e.getMessage());
                        }
                        NegotiatedMedia media = new NegotiatedMedia(f, pt, eventPt, rtp,
                                rtcp, mux, theirs.answerFor(), m.ptime(), m.audioLevelExtensionId(), srtp);
                        return new Negotiation.Accepted(media, this, ourOffer, index);
                    }
                }
            }
            return new Negotiation.NoCommonMedia("the answer names no codec we offered: " + describeOffered(m));
        }
        return new Negotiation.NoCommonMedia("the answer rejected every audio stream");
    }

    /**
     * The SRTP agreed by an answer to our offer (RFC 4568 §7.1.3): exactly one a=crypto line with a
     * tag and suite we offered, and a usable key; our key is read back from our own offer. Null for
     * plain RTP (we offered no crypto, or best effort and the answer has none).
     *
     * @throws IllegalArgumentException with the reason when the answer cannot be used
     */
    private static SrtpParameters answeredKeys(MediaDescription offered, MediaDescription answered) {
        List<CryptoAttribute> ours = offered.cryptos();
        List<CryptoAttribute> theirs = answered.cryptos();
        if (ours.isEmpty()) {
            if (!theirs.isEmpty() || isSecureProfile(answered.proto())) {
                throw new IllegalArgumentException("the answer has SRTP (" + answered.proto()
                        + ", a=crypto) but we offered plain RTP");
            }
            return null;
        }
        if (theirs.isEmpty()) {
            if (isSecureProfile(offered.proto())) {
                throw new IllegalArgumentException("the answer to our " + offered.proto()
                        + " offer has no a=crypto (RFC 4568 §7.1.3)");
            }
            return null; // best effort: the phone chose plain RTP
        }
        if (theirs.size() != 1) {
            throw new IllegalArgumentException("the answer has " + theirs.size()
                    + " a=crypto lines; exactly one is allowed (RFC 4568 §7.1.2)");
        }
        CryptoAttribute answer = theirs.get(0);
        CryptoAttribute mine = null;
        for (CryptoAttribute c : ours) {
            if (c.tag() == answer.tag()) {
                mine = c;
            }
        }
        if (mine == null || !mine.suite().equalsIgnoreCase(answer.suite())) {
            throw new IllegalArgumentException("the answer's a=crypto:" + answer.tag() + " " + answer.suite()
                    + " does not match a line we offered (RFC 4568 §7.1.3)");
        }
        SdesCrypto.Checked remote = SdesCrypto.check(answer);
        if (!remote.usable()) {
            throw new IllegalArgumentException("the answer's " + remote.problem());
        }
        SdesCrypto.Checked local = SdesCrypto.check(mine);
        if (!local.usable()) {
            throw new IllegalArgumentException("our offer's " + local.problem());
        }
        return new SrtpParameters(answer.tag(), remote.suite(), remote.keySalt(), local.keySalt());
    }

    // ------------------------------------------------------------------ helpers

    private static String describeSuites() {
        List<String> names = new ArrayList<>();
        for (SrtpSuite s : SrtpSuite.values()) {
            names.add(s.name());
        }
        return String.join(", ", names);
    }

    /** A fresh origin for a new session: random id, version 1 (RFC 4566 §5.2). */
    public Origin newOrigin(InetAddress address) {
        long id = RANDOM.nextLong() & Long.MAX_VALUE;
        Connection c = Connection.of(address);
        return new Origin(username, Long.toString(id), "1", c.netType(), c.addressType(), c.address());
    }

    /** The same origin with the version incremented, for a changed SDP in the same session (RFC 3264 §8). */
    public static Origin nextVersion(Origin origin) {
        String next;
        try {
            next = new java.math.BigInteger(origin.sessionVersion()).add(java.math.BigInteger.ONE).toString();
        } catch (NumberFormatException e) {
            next = "1";
        }
        return new Origin(origin.username(), origin.sessionId(), next, origin.netType(), origin.addressType(),
                origin.address());
    }

    private static void addFormat(MediaDescription m, int pt, AudioFormat f) {
        m.addFormat(Integer.toString(pt));
        m.addAttribute("rtpmap", new RtpMap(pt, f.encodingName(), f.clockRate(), f.channels()).value());
        if (f.fmtp() != null) {
            m.addAttribute("fmtp", pt + " " + f.fmtp());
        }
    }

    private static void addTelephoneEvent(MediaDescription m, int pt, int rate) {
        m.addFormat(Integer.toString(pt));
        m.addAttribute("rtpmap", pt + " " + TELEPHONE_EVENT + "/" + rate);
        m.addAttribute("fmtp", pt + " " + TELEPHONE_EVENT_FMTP);
    }

    /** RFC 5761 §4: payload types 64-95 cannot be told apart from RTCP on a multiplexed port. */
    private static boolean collidesWithRtcp(int payloadType) {
        return payloadType >= 64 && payloadType <= 95;
    }

    /** The offered telephone-event payload type at {@code clockRate} (RFC 4733 §2.1), or -1. */
    private static int findTelephoneEvent(MediaDescription m, int clockRate) {
        for (int pt : m.payloadTypes()) {
            RtpMap map = m.rtpMap(pt);
            if (map != null && map.matches(TELEPHONE_EVENT, clockRate)) {
                return pt;
            }
        }
        return -1;
    }

    private static InetSocketAddress socketAddress(Connection c, int port) {
        String host = c.address();
        int slash = host.indexOf('/');
        if (slash >= 0) {
            host = host.substring(0, slash);
        }
        try {
            // Numeric addresses only: a name in c= is not resolved (no DNS lookups from the media path).
            if (!host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
                return InetSocketAddress.createUnresolved(host, port);
            }
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            return InetSocketAddress.createUnresolved(host, port);
        }
    }

    /** RFC 3605 a=rtcp, else RFC 5761 mux (same address), else RTP port + 1 (RFC 3550 §11). */
    private static InetSocketAddress rtcpAddress(MediaDescription m, Connection c, InetSocketAddress rtp, boolean mux) {
        if (mux) {
            return rtp;
        }
        int port = m.rtcpPort();
        if (port > 0) {
            Connection rc = m.rtcpConnection();
            return socketAddress(rc != null ? rc : c, port);
        }
        if (rtp.isUnresolved()) {
            return InetSocketAddress.createUnresolved(rtp.getHostString(), rtp.getPort() + 1);
        }
        return new InetSocketAddress(rtp.getAddress(), rtp.getPort() + 1);
    }

    private static String describeOffered(MediaDescription m) {
        List<String> names = new ArrayList<>();
        for (int pt : m.payloadTypes()) {
            RtpMap map = m.rtpMap(pt);
            names.add(map == null ? "pt " + pt : map.encodingName() + "/" + map.clockRate());
        }
        return names.isEmpty() ? "nothing" : String.join(", ", names);
    }

    private String describeSupported() {
        List<String> names = new ArrayList<>();
        for (AudioFormat f : supported) {
            names.add(f.encodingName().toUpperCase(Locale.ROOT).equals("OPUS") ? "opus" : f.encodingName());
        }
        return String.join(", ", names);
    }
}
