package org.govtel.sip.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RawResponseTest {

    private static RawMessage request(String via, String to) {
        byte[] bytes = ("REGISTER sip:127.0.0.1 SIP/2.0\r\n"
                + "Via: " + via + "\r\n"
                + "Via: SIP/2.0/UDP 10.1.1.1;branch=z9hG4bKdown\r\n"
                + "From: \"Алма\" <sip:100101@127.0.0.1>;tag=a\r\n"
                + "To: " + to + "\r\n"
                + "Call-ID: reg-1\r\n"
                + "CSeq: 2 REGISTER\r\n"
                + "Max-Forwards: 70\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        return RawMessage.parse(bytes, 0, bytes.length);
    }

    private static String respond(RawMessage r, int status, String reason) {
        HeaderValues.Via via = HeaderValues.topVia(r.header("via"));
        return new String(new RawResponse(r, via, status, reason, "127.0.0.9", 40000)
                .header("Warning", "399 h \"Ошибка\"").toBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void copiesTheDialogHeadersAndAddsOurToTag() {
        String text = respond(request("SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bK1", "<sip:100101@127.0.0.1>"),
                404, "Unknown extension");

        assertThat(text).startsWith("SIP/2.0 404 Unknown extension\r\n");
        assertThat(text).contains("\r\nFrom: \"Алма\" <sip:100101@127.0.0.1>;tag=a\r\n")
                .contains("\r\nCall-ID: reg-1\r\n").contains("\r\nCSeq: 2 REGISTER\r\n")
                .contains("\r\nWarning: 399 h \"Ошибка\"\r\n")
                .contains("\r\nVia: SIP/2.0/UDP 10.1.1.1;branch=z9hG4bKdown\r\n")
                .endsWith("\r\nContent-Length: 0\r\n\r\n");
        assertThat(text).containsPattern("\r\nTo: <sip:100101@127.0.0.1>;tag=[0-9a-f]+\r\n");
        assertThat(text).doesNotContain("Max-Forwards");
    }

    @Test
    void aToTagThePhoneSentIsKept() {
        String text = respond(request("SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bK1", "<sip:1@h>;tag=x"), 200, "OK");

        assertThat(text).contains("\r\nTo: <sip:1@h>;tag=x\r\n");
    }

    @Test
    void theTopViaTellsThePhoneWhereItsRequestCameFrom() {
        String rport = respond(request("SIP/2.0/UDP 127.0.0.1:5062;rport;branch=z9hG4bK1", "<sip:1@h>"), 200, "OK");
        String moved = respond(request("SIP/2.0/UDP 10.0.0.7:5062;branch=z9hG4bK1;received=1.1.1.1", "<sip:1@h>"),
                200, "OK");
        String same = respond(request("SIP/2.0/UDP 127.0.0.9:5062;branch=z9hG4bK1", "<sip:1@h>"), 200, "OK");

        assertThat(rport).contains("\r\nVia: SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bK1;received=127.0.0.9;rport=40000\r\n");
        assertThat(moved).contains("\r\nVia: SIP/2.0/UDP 10.0.0.7:5062;branch=z9hG4bK1;received=127.0.0.9\r\n");
        assertThat(same).contains("\r\nVia: SIP/2.0/UDP 127.0.0.9:5062;branch=z9hG4bK1\r\n");
    }
}
