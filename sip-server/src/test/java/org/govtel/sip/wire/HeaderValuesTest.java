package org.govtel.sip.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HeaderValuesTest {

    @Test
    void topViaReadsTransportSentByBranchAndRport() {
        HeaderValues.Via via = HeaderValues.topVia("SIP/2.0/udp 127.0.0.1:5062;rport;branch=z9hG4bK77, SIP/2.0/TCP x");

        assertThat(via.transport()).isEqualTo("UDP");
        assertThat(via.host()).isEqualTo("127.0.0.1");
        assertThat(via.port()).isEqualTo(5062);
        assertThat(via.branch()).isEqualTo("z9hG4bK77");
        assertThat(via.rport()).isTrue();
        assertThat(via.text()).isEqualTo("SIP/2.0/udp 127.0.0.1:5062;rport;branch=z9hG4bK77");
    }

    @Test
    void topViaReadsIpv6AndAbsentPort() {
        HeaderValues.Via v6 = HeaderValues.topVia("SIP/2.0/UDP [::1]:5070;branch=z9hG4bKa");
        HeaderValues.Via noPort = HeaderValues.topVia("SIP/2.0/UDP phone.local;branch=z9hG4bKb");

        assertThat(v6.host()).isEqualTo("[::1]");
        assertThat(v6.port()).isEqualTo(5070);
        assertThat(v6.rport()).isFalse();
        assertThat(noPort.port()).isEqualTo(-1);
        assertThat(HeaderValues.topVia("SIP/2.0/UDP host:99999;branch=z9hG4bKc")).as("bad port").isNull();
        assertThat(HeaderValues.topVia("SIP/1.0/UDP host")).isNull();
    }

    @Test
    void listsSplitOnlyAtCommasOutsideQuotesAndBrackets() {
        assertThat(HeaderValues.splitList("\"Smith, J\" <sip:a@h;x=1,2>;q=1, <sip:b@h>"))
                .containsExactly("\"Smith, J\" <sip:a@h;x=1,2>;q=1", "<sip:b@h>");
        assertThat(HeaderValues.splitList("\"unclosed, <sip:a@h>")).isNull();
    }

    @Test
    void addressesSeparateTheUriFromHeaderParameters() {
        HeaderValues.Address named = HeaderValues.address("\"a <b>\" <sip:100101@h:5062;transport=udp>;expires=60;q=0.7");
        HeaderValues.Address bare = HeaderValues.address("sip:100101@h;expires=0");

        assertThat(named.uri()).isEqualTo("sip:100101@h:5062;transport=udp");
        assertThat(named.param("expires")).isEqualTo("60");
        assertThat(named.param("Q")).isEqualTo("0.7");
        assertThat(named.param("tag")).isNull();
        assertThat(bare.uri()).isEqualTo("sip:100101@h");
        assertThat(bare.param("expires")).isEqualTo("0");
        assertThat(HeaderValues.address("\"name\" sip:a@h")).as("display name without <>").isNull();
    }

    @Test
    void parametersWithQuotedSemicolonsAreRead() {
        assertThat(HeaderValues.param(";+sip.instance=\"<urn:a;b>\";expires=30;lr", "expires")).isEqualTo("30");
        assertThat(HeaderValues.param(";+sip.instance=\"<urn:a;b>\";expires=30;lr", "lr")).isEmpty();
        assertThat(HeaderValues.param(";+sip.instance=\"<urn:a;b>\"", "+sip.instance")).isEqualTo("<urn:a;b>");
    }

    @Test
    void sipUserNeedsNoUnescaping() {
        assertThat(HeaderValues.sipUser("sip:100101@127.0.0.1")).isEqualTo("100101");
        assertThat(HeaderValues.sipUser("SIPS:100101@h")).isEqualTo("100101");
        assertThat(HeaderValues.sipUser("sip:127.0.0.1")).isNull();
        assertThat(HeaderValues.sipUser("sip:10%3101@h")).as("escaped").isNull();
        assertThat(HeaderValues.sipUser("tel:100101")).isNull();
    }

    @Test
    void plainSipUrisOnly() {
        assertThat(HeaderValues.isPlainSipUri("sip:100101@127.0.0.1:5062;transport=udp;ob")).isTrue();
        assertThat(HeaderValues.isPlainSipUri("sip:[::1]:5062")).isTrue();
        assertThat(HeaderValues.isPlainSipUri("tel:+7")).isFalse();
        assertThat(HeaderValues.isPlainSipUri("sip:a b@h")).isFalse();
        assertThat(HeaderValues.isPlainSipUri("sip:ä@h")).isFalse();
        assertThat(HeaderValues.isPlainSipUri("sip:a%20b@h")).as("escapes go to the full parser").isFalse();
    }

    @Test
    void digestParametersAreUnquotedAndNamedInLowerCase() {
        Map<String, String> p = HeaderValues.digestParams("Digest username=\"100101\", Realm=\"gov\\\"tel\","
                + "nonce=\"n,1\",uri=\"sip:h\",response=\"abc\",algorithm=SHA-256,qop=auth,nc=0000000a,cnonce=\"c\"");

        assertThat(p).containsEntry("username", "100101").containsEntry("realm", "gov\"tel")
                .containsEntry("nonce", "n,1").containsEntry("algorithm", "SHA-256").containsEntry("nc", "0000000a");
        assertThat(HeaderValues.digestParams("Basic dXNlcjpwYXNz")).isNull();
        assertThat(HeaderValues.digestParams("Digest username")).isNull();
    }

    @Test
    void numbersAreNonNegativeDecimalsThatFitAnInt() {
        assertThat(HeaderValues.parseInt("3600")).isEqualTo(3600);
        assertThat(HeaderValues.parseInt("-1")).isEqualTo(-1);
        assertThat(HeaderValues.parseInt("99999999999")).isEqualTo(-1);
        assertThat(HeaderValues.parseInt("")).isEqualTo(-1);
    }

    @Test
    void urisGiveHostPortAndParameters() {
        HeaderValues.Uri uri = HeaderValues.uri("sip:100102@127.0.0.1:5070;transport=udp;lr");
        assertThat(uri.secure()).isFalse();
        assertThat(uri.host()).isEqualTo("127.0.0.1");
        assertThat(uri.port()).isEqualTo(5070);
        assertThat(uri.param("transport")).isEqualTo("udp");
        assertThat(uri.param("lr")).isEmpty();

        HeaderValues.Uri v6 = HeaderValues.uri("SIPS:[::1]");
        assertThat(v6.secure()).isTrue();
        assertThat(v6.host()).isEqualTo("[::1]");
        assertThat(v6.port()).isEqualTo(-1);

        assertThat(HeaderValues.uri("tel:+861234")).isNull();
        assertThat(HeaderValues.uri("sip:a@h?subject=x")).as("headers").isNull();
        assertThat(HeaderValues.uri("sip:a@h:99999")).as("port").isNull();
    }

    @Test
    void ipLiteralsNeedNoResolving() {
        assertThat(HeaderValues.isIpLiteral("10.20.30.40")).isTrue();
        assertThat(HeaderValues.isIpLiteral("[2001:db8::1]")).isTrue();
        assertThat(HeaderValues.isIpLiteral("10.20.30")).isFalse();
        assertThat(HeaderValues.isIpLiteral("10.20.30.256")).isFalse();
        assertThat(HeaderValues.isIpLiteral("phone.example")).isFalse();
        assertThat(HeaderValues.isIpLiteral("1.2.3.4.example")).isFalse();
    }
}
