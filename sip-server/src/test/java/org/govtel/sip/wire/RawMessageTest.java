package org.govtel.sip.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RawMessageTest {

    private static final String REGISTER = "REGISTER sip:127.0.0.1 SIP/2.0\r\n"
            + "v: SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bK1;rport\r\n"
            + "Max-Forwards: 70\r\n"
            + "From: \"Дамир, office\" <sip:100101@127.0.0.1>;tag=a\r\n"
            + "t:<sip:100101@127.0.0.1>\r\n"
            + "Call-ID: reg-1@host\r\n"
            + "CSeq: 2 REGISTER\r\n"
            + "m: <sip:100101@127.0.0.1:5062>;expires=60, <sip:100101@10.0.0.1>\r\n"
            + "Contact: sip:100101@127.0.0.2;q=0.5\r\n"
            + "User-Agent: Телефон 1.0\r\n"
            + "Content-Length: 0\r\n\r\n";

    private static RawMessage parse(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return RawMessage.parse(bytes, 0, bytes.length);
    }

    @Test
    void readsTheRequestLineAndHeadersByTheirLongNames() {
        RawMessage r = parse(REGISTER);

        assertThat(r.method()).isEqualTo("REGISTER");
        assertThat(r.requestUri()).isEqualTo("sip:127.0.0.1");
        assertThat(r.header("via")).isEqualTo("SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bK1;rport");
        assertThat(r.header("to")).isEqualTo("<sip:100101@127.0.0.1>");
        assertThat(r.headers("contact")).hasSize(2);
        assertThat(r.count("contact")).isEqualTo(2);
        assertThat(r.header("expires")).isNull();
        assertThat(RawMessage.utf8(r.header("user-agent"))).isEqualTo("Телефон 1.0");
    }

    @Test
    void aBodyIsMeasuredNotRead() {
        assertThat(parse(REGISTER).bodyLength()).isZero();
        assertThat(parse(REGISTER.replace("Content-Length: 0\r\n\r\n", "Content-Length: 4\r\n\r\nbody")).bodyLength())
                .isEqualTo(4);
        assertThat(parse(REGISTER.replace("Content-Length: 0\r\n\r\n", "\r\nv=0\r\n")).bodyLength())
                .as("no Content-Length over UDP: the rest of the datagram").isEqualTo(5);
    }

    @Test
    void wireTextIsTheInverseOfUtf8() {
        String latin1 = RawMessage.wireText("Телефон");

        assertThat(latin1).hasSize("Телефон".getBytes(StandardCharsets.UTF_8).length);
        assertThat(RawMessage.utf8(latin1)).isEqualTo("Телефон");
        assertThat(RawMessage.wireText("plain")).isEqualTo("plain");
    }

    @Test
    void leavesEverythingOutsideThePlainFormToTheFullParser() {
        assertThat(parse(REGISTER.replace("Max-Forwards: 70\r\n", "Max-Forwards:\r\n 70\r\n")))
                .as("folded header").isNull();
        assertThat(parse(REGISTER.replace("Content-Length: 0\r\n\r\n", "Content-Length: 9\r\n\r\nbody")))
                .as("body longer than the datagram").isNull();
        assertThat(parse(REGISTER.replace("Content-Length: 0\r\n", "Content-Length: 0\r\nl: 0\r\n")))
                .as("two lengths").isNull();
        assertThat(parse(REGISTER.replace("SIP/2.0\r\n", "SIP/7.0\r\n"))).as("version").isNull();
        assertThat(parse(REGISTER.replace("REGISTER sip", "REGISTER  sip"))).as("double space").isNull();
        assertThat(parse(REGISTER.substring(0, REGISTER.length() - 2))).as("no empty line").isNull();
        assertThat(parse(REGISTER.replace("Call-ID: ", "Call ID: "))).as("bad header name").isNull();
        assertThat(parse(REGISTER.replace("\r\n", "\n"))).as("bare LF").isNull();
    }

    @Test
    void readsAStatusLineAndKeepsHeaderSpellingAndBody() {
        RawMessage r = parse("SIP/2.0 183 Session Progress\r\nv: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK1\r\n"
                + "CSeq: 1 INVITE\r\nContent-Length: 3\r\n\r\nabc");

        assertThat(r.status()).isEqualTo(183);
        assertThat(r.reason()).isEqualTo("Session Progress");
        assertThat(r.method()).isNull();
        assertThat(r.requestUri()).isNull();
        assertThat(r.name(0)).isEqualTo("via");
        assertThat(r.spelledName(0)).isEqualTo("v");
        assertThat(r.value(1)).isEqualTo("1 INVITE");
        assertThat(r.body()).isEqualTo("abc");
        assertThat(parse(REGISTER).status()).isEqualTo(-1);
    }

    @Test
    void statusLinesOutsideTheGrammarAreLeftToTheFullParser() {
        assertThat(parse("SIP/2.0 20 OK\r\nCSeq: 1 BYE\r\n\r\n")).as("two digits").isNull();
        assertThat(parse("SIP/2.0 700 Odd\r\nCSeq: 1 BYE\r\n\r\n")).as("no such class").isNull();
        assertThat(parse("SIP/2.0 200\r\nCSeq: 1 BYE\r\n\r\n")).as("no space before the reason").isNull();
    }
}
