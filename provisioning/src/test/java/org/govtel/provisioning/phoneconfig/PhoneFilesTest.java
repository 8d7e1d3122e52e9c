package org.govtel.provisioning.phoneconfig;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.govtel.provisioning.phoneconfig.PhoneConfigService.Line;
import org.govtel.provisioning.phoneconfig.PhoneConfigService.Server;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The pieces of the phone files without a server: file names, vendor notations, escaping. */
class PhoneFilesTest {

    @Test
    void fileNamesOfEveryVendorAndCaseNameTheDevice() {
        for (String name : List.of("001565aabbcc.cfg", "001565AABBCC.cfg", "001565aabbcc.CFG", "cfg001565aabbcc.xml",
                "CFG001565AABBCC.XML", "cfg001565aabbcc", "001565aabbcc", "001565aabbcc.xml")) {
            ProvisioningFile f = ProvisioningFile.parse(name);
            assertThat(f.kind()).as(name).isEqualTo(ProvisioningFile.Kind.DEVICE_CONFIG);
            assertThat(f.mac()).as(name).isEqualTo("001565aabbcc");
            assertThat(f.perDevice()).isTrue();
        }
        assertThat(ProvisioningFile.parse("0004F2AABBCC-govtel.cfg").kind()).isEqualTo(ProvisioningFile.Kind.POLYCOM_CONFIG);
        assertThat(ProvisioningFile.parse("0004F2AABBCC-govtel.cfg").mac()).isEqualTo("0004f2aabbcc");
        assertThat(ProvisioningFile.parse("phonebook/yealink.xml").kind())
                .isEqualTo(ProvisioningFile.Kind.YEALINK_PHONEBOOK);
        assertThat(ProvisioningFile.parse("phonebook/grandstream/phonebook.xml").kind())
                .isEqualTo(ProvisioningFile.Kind.GRANDSTREAM_PHONEBOOK);
        for (String name : List.of("", "y000000000044.cfg", "000000000000-phone.cfg", "001565aabbc.cfg",
                "001565aabbccdd.cfg", "../001565aabbcc.cfg", "001565aabbcc.cfg/x", "phonebook/other.xml",
                "00:15:65:aa:bb:cc.cfg")) {
            assertThat(ProvisioningFile.parse(name).kind()).as(name).isEqualTo(ProvisioningFile.Kind.UNKNOWN);
        }
    }

    @Test
    void timeZonesInEachVendorsNotation() {
        ZoneOffset beijing = ZoneId.of("Asia/Shanghai").getRules().getOffset(Instant.now());
        ZoneOffset xinjiang = ZoneId.of("Asia/Urumqi").getRules().getOffset(Instant.now());
        ZoneOffset india = ZoneOffset.ofHoursMinutes(5, 30);
        ZoneOffset west = ZoneOffset.ofHours(-3);
        assertThat(VendorNotation.yealinkTimeZone(beijing)).isEqualTo("+8");
        assertThat(VendorNotation.yealinkTimeZone(xinjiang)).isEqualTo("+6");
        assertThat(VendorNotation.yealinkTimeZone(india)).isEqualTo("+5:30");
        assertThat(VendorNotation.yealinkTimeZone(west)).isEqualTo("-3");
        assertThat(VendorNotation.yealinkTimeZoneName(beijing)).isEqualTo("China(Beijing)");
        assertThat(VendorNotation.yealinkTimeZoneName(xinjiang)).isNull();
        assertThat(VendorNotation.grandstreamTimeZone(beijing)).isEqualTo("TZY-8");
        assertThat(VendorNotation.grandstreamTimeZone(xinjiang)).isEqualTo("TZV-6");
        assertThat(VendorNotation.grandstreamTimeZone(india)).isEqualTo("customize");
        // POSIX TZ counts west of UTC as positive.
        assertThat(VendorNotation.grandstreamPosixTimeZone(india)).isEqualTo("UTC-5:30");
        assertThat(VendorNotation.grandstreamPosixTimeZone(west)).isEqualTo("UTC3");
        assertThat(VendorNotation.fanvilTimeZone(beijing)).isEqualTo(32);
        assertThat(VendorNotation.fanvilTimeZone(india)).isEqualTo(22);
        assertThat(VendorNotation.fanvilTimeZoneName(xinjiang)).isEqualTo("UTC+6");
        assertThat(VendorNotation.polycomGmtOffset(xinjiang)).isEqualTo(21600);
    }

    @Test
    void languagesFallBackToChineseWhereThePhonesHaveNoKazakhOrUyghur() {
        for (String l : List.of("zh", "kk", "ug")) {
            assertThat(VendorNotation.yealinkLanguage(l)).isEqualTo("Chinese_S");
            assertThat(VendorNotation.grandstreamLanguage(l)).isEqualTo("zh");
            assertThat(VendorNotation.fanvilLanguage(l)).isEqualTo("cn");
            assertThat(VendorNotation.polycomLanguage(l)).isEqualTo("Chinese_China");
        }
        assertThat(VendorNotation.yealinkLanguage("en")).isEqualTo("English");
        assertThat(VendorNotation.polycomLanguage("en")).isEqualTo("English_United_States");
    }

    @Test
    void textValuesAreOneLineAndKeepEveryScript() {
        assertThat(TextValues.singleLine("a\nb\r\nc\u2028d\u0085e\u0000f")).isEqualTo("a b  c d e f");
        assertThat(TextValues.singleLine("ئۇيغۇرچە\u200c = Қазақша : 中文")).isEqualTo("ئۇيغۇرچە\u200c = Қазақша : 中文");
        assertThat(TextValues.singleLine(null)).isEmpty();
    }

    @Test
    void xmlFilesEscapeMarkupAndKeepChineseAsText() throws Exception {
        String name = "<P34>x</P34> & \"办公室\" 'ئۇ'";
        Line line = new Line(1, "130101", name, "pw&<>\"", true);
        String xml = new PhoneTemplates().render("grandstream.xml", Map.of("mac", "000b82aabbcc",
                "server", new Server("sip.example", 5060, "udp"), "line", Map.of("1", line), "transport", 0,
                "timeZone", "TZY-8", "customTimeZone", "UTC-8", "language", "zh", "phonebookMode", 1,
                "phonebookPath", "h/p", "phonebookUser", "000b82aabbcc"));
        assertThat(xml).contains("办公室").doesNotContain("<P34>x</P34>");
        Document doc = PhoneConfigApiTest.xml(xml);
        assertThat(PhoneConfigApiTest.xpath(doc, "/gs_provision/config/P3")).isEqualTo(name);
        assertThat(PhoneConfigApiTest.xpath(doc, "/gs_provision/config/P34")).isEqualTo("pw&<>\"");
        assertThat(PhoneConfigApiTest.nodes(doc, "//P34").getLength()).isOne();
        assertThat(PhoneTemplates.unescapeNonAscii("&#x4e2d;&amp;&#x85;&#x1F600;")).isEqualTo("中&amp;&#x85;\uD83D\uDE00");
    }
}
