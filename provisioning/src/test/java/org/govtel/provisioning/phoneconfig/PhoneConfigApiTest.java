package org.govtel.provisioning.phoneconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.govtel.provisioning.ApiTest;
import org.govtel.provisioning.ProvisioningTestApplication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Phone auto-provisioning end to end through the API and the phone-facing URLs: for each vendor a
 * device with two lines is created through the API, its file is fetched with the device's
 * credentials and parsed in the vendor's own format (key/value for Yealink and Fanvil, XML for
 * Grandstream and Polycom), and the values the phone will use are checked: server, port,
 * transport, user, the very SIP password the API showed, the Chinese display name, the time zone
 * of a Xinjiang-time (Asia/Urumqi) site. Also the refusals (404 unknown MAC, 401), the fetch log
 * and the phonebooks.
 */
@ExtendWith(OutputCaptureExtension.class)
class PhoneConfigApiTest extends ApiTest {

    static final String TOWN = "phone-town";
    static final String OFFICE = "测试镇人民政府";

    @Autowired
    JdbcClient jdbc;

    long townId;
    long officeId;

    /**
     * A township of Zhaosu County on Xinjiang time (UTC+6), made once for the shared context (no
     * other test class counts Zhaosu's sites).
     */
    @BeforeEach
    void xinjiangTimeTownship() throws Exception {
        if (sites.findByCode(TOWN).isEmpty()) {
            as(ADMIN, withJson(post("/api/sites"), toJson(Map.of("parentId", site("zhaosu").id(), "kind", "TOWNSHIP",
                    "code", TOWN, "nameZh", "测试镇", "nameEn", "Test Town", "numberPrefix", "164",
                    "timeZone", "Asia/Urumqi")))).andReturn();
            as(ADMIN, withJson(post("/api/offices"), toJson(Map.of("siteId", site(TOWN).id(), "nameZh", OFFICE,
                    "nameEn", "Test Town Government")))).andReturn();
        }
        townId = site(TOWN).id();
        officeId = jdbc.sql("SELECT id FROM offices WHERE site_id = :s AND name_zh = :n").param("s", townId)
                .param("n", OFFICE).query(Long.class).single();
    }

    /** Creates an extension in the test township through the API; returns its SIP password. */
    private String extension(String number, String displayName) throws Exception {
        JsonNode created = body(as(ADMIN, withJson(post("/api/extensions"), toJson(Map.of("number", number,
                "displayName", displayName, "officeId", officeId)))));
        assertThat(created.get("password").asText()).as(number).hasSize(16);
        return created.get("password").asText();
    }

    /** Creates a device with lines 1 and 2 through the API. */
    private JsonNode device(String mac, String vendor, String transport, String line1, String line2) throws Exception {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("mac", mac);
        d.put("vendor", vendor);
        d.put("model", "desk");
        d.put("siteId", townId);
        d.put("transport", transport);
        d.put("lines", List.of(Map.of("line", 1, "extension", line1), Map.of("line", 2, "extension", line2)));
        var result = as(ADMIN, withJson(post("/api/devices"), toJson(d)));
        assertThat(result.andReturn().getResponse().getStatus()).isEqualTo(201);
        return body(result);
    }

    private MockHttpServletResponse fetch(String file, String user, String password) throws Exception {
        MockHttpServletRequestBuilder r = get("/provisioning/" + file).header("User-Agent", "test-phone/1.0");
        if (user != null) {
            r.with(httpBasic(user, password));
        }
        return mvc.perform(r).andReturn().getResponse();
    }

    private static String text(MockHttpServletResponse response) throws Exception {
        return response.getContentAsString(StandardCharsets.UTF_8);
    }

    /** Yealink {@code key = value} lines; '#' starts a comment. Every value of a key, in order. */
    static Map<String, List<String>> yealinkKeys(String cfg) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String line : cfg.split("\n", -1)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            assertThat(eq).as("a key = value line: " + line).isPositive();
            out.computeIfAbsent(line.substring(0, eq).trim(), k -> new ArrayList<>()).add(line.substring(eq + 1).trim());
        }
        return out;
    }

    /** Fanvil {@code Key :value} lines inside {@code <MODULE>} sections, CRLF-separated. */
    static Map<String, String> fanvilKeys(String cfg) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : cfg.split("\r\n", -1)) {
            if (line.isEmpty() || line.startsWith("<")) {
                continue;
            }
            int colon = line.indexOf(':');
            assertThat(colon).as("a Key :value line: " + line).isPositive();
            assertThat(out.put(line.substring(0, colon).trim(), line.substring(colon + 1))).as(line).isNull();
        }
        return out;
    }

    static Document xml(String body) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    static String xpath(Document doc, String expression) throws Exception {
        XPath x = XPathFactory.newInstance().newXPath();
        return (String) x.evaluate(expression, doc, XPathConstants.STRING);
    }

    static NodeList nodes(Document doc, String expression) throws Exception {
        return (NodeList) XPathFactory.newInstance().newXPath().evaluate(expression, doc, XPathConstants.NODESET);
    }

    @Test
    void yealinkFileCarriesServerLinesDecryptedPasswordsXinjiangTimeAndThePhonebook(CapturedOutput output)
            throws Exception {
        String pw1 = extension("164001", "测试镇人民政府 值班室");
        String pw2 = extension("164002", "测试镇 Қазақша ئۇيغۇرچە");
        JsonNode device = device("00:15:65:13:40:01", "yealink", "tcp", "164001", "164002");
        String mac = device.get("mac").asText();
        String provisioning = device.get("provisioningPassword").asText();
        assertThat(provisioning).hasSize(24);

        MockHttpServletResponse response = fetch(mac + ".cfg", mac, provisioning);
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getHeader("Cache-Control")).contains("no-store");
        String cfg = text(response);
        assertThat(cfg).startsWith("#!version:1.0.0.1\n");
        Map<String, List<String>> keys = yealinkKeys(cfg);
        assertThat(keys.get("account.1.enable")).containsExactly("1");
        assertThat(keys.get("account.1.sip_server.1.address")).containsExactly(ProvisioningTestApplication.SIP_HOST);
        assertThat(keys.get("account.1.sip_server.1.port")).containsExactly("5060");
        assertThat(keys.get("account.1.sip_server.1.transport_type")).containsExactly("1"); // TCP
        assertThat(keys.get("account.1.user_name")).containsExactly("164001");
        assertThat(keys.get("account.1.auth_name")).containsExactly("164001");
        assertThat(keys.get("account.1.password")).containsExactly(pw1);
        assertThat(keys.get("account.1.display_name")).containsExactly("测试镇人民政府 值班室");
        assertThat(keys.get("account.2.user_name")).containsExactly("164002");
        assertThat(keys.get("account.2.password")).containsExactly(pw2);
        assertThat(keys.get("account.2.display_name")).containsExactly("测试镇 Қазақша ئۇيغۇرچە");
        assertThat(keys.get("local_time.time_zone")).containsExactly("+6");
        assertThat(keys).doesNotContainKey("local_time.time_zone_name");
        assertThat(keys.get("local_time.summer_time")).containsExactly("0");
        assertThat(keys.get("lang.gui")).containsExactly("Chinese_S");
        assertThat(keys.get("remote_phonebook.data.1.url")).containsExactly("http://" + mac + ":" + provisioning
                + "@prov.govtel.test:8080/provisioning/phonebook/yealink.xml");

        // The MAC in upper case and without the suffix is the same file.
        assertThat(text(fetch(mac.toUpperCase() + ".cfg", mac.toUpperCase(), provisioning))).isEqualTo(cfg);
        assertThat(fetch(mac, mac, provisioning).getStatus()).isEqualTo(200);

        // Secrets never reach the log.
        assertThat(output.getAll()).contains("Provisioning fetch of " + mac + ".cfg").doesNotContain(pw1)
                .doesNotContain(pw2).doesNotContain(provisioning);
        // The extension row holds no clear password either.
        String stored = jdbc.sql("SELECT sip_secret_enc FROM extensions WHERE number = '164001'").query(String.class)
                .single();
        assertThat(stored).startsWith("v1:").doesNotContain(pw1);
    }

    @Test
    void grandstreamFileIsPValueXmlWithBothAccountsTlsAndPhonebookCredentials() throws Exception {
        String pw1 = extension("164011", "测试镇人民政府 办公室");
        String pw2 = extension("164012", "测试镇人民政府 镇长");
        JsonNode device = device("00-0B-82-13-40-11", "grandstream", "tls", "164011", "164012");
        String mac = device.get("mac").asText();
        assertThat(mac).isEqualTo("000b82134011"); // from 00-0B-82-13-40-11
        String provisioning = device.get("provisioningPassword").asText();

        MockHttpServletResponse response = fetch("cfg" + mac.toUpperCase() + ".xml", mac, provisioning);
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentType()).startsWith("application/xml");
        Document doc = xml(text(response));
        assertThat(xpath(doc, "/gs_provision/mac")).isEqualTo(mac);
        String c = "/gs_provision/config/";
        assertThat(xpath(doc, c + "P271")).isEqualTo("1");
        assertThat(xpath(doc, c + "P47")).isEqualTo(ProvisioningTestApplication.SIP_HOST + ":5061");
        assertThat(xpath(doc, c + "P35")).isEqualTo("164011");
        assertThat(xpath(doc, c + "P36")).isEqualTo("164011");
        assertThat(xpath(doc, c + "P34")).isEqualTo(pw1);
        assertThat(xpath(doc, c + "P3")).isEqualTo("测试镇人民政府 办公室");
        assertThat(xpath(doc, c + "P130")).isEqualTo("2"); // TLS
        assertThat(xpath(doc, c + "P401")).isEqualTo("1");
        assertThat(xpath(doc, c + "P402")).isEqualTo(ProvisioningTestApplication.SIP_HOST + ":5061");
        assertThat(xpath(doc, c + "P404")).isEqualTo("164012");
        assertThat(xpath(doc, c + "P406")).isEqualTo(pw2);
        assertThat(xpath(doc, c + "P407")).isEqualTo("测试镇人民政府 镇长");
        assertThat(xpath(doc, c + "P448")).isEqualTo("2");
        assertThat(nodes(doc, c + "P501")).as("no third account").matches(n -> n.getLength() == 0);
        assertThat(xpath(doc, c + "P64")).isEqualTo("TZV-6");
        assertThat(xpath(doc, c + "P1362")).isEqualTo("zh");
        assertThat(xpath(doc, c + "P330")).isEqualTo("1");
        assertThat(xpath(doc, c + "P331")).isEqualTo("prov.govtel.test:8080/provisioning/phonebook/grandstream");
        assertThat(xpath(doc, c + "P6713")).isEqualTo(mac);
        assertThat(xpath(doc, c + "P6714")).isEqualTo(provisioning);
    }

    @Test
    void fanvilFileIsTheTextFormatWithCrlfAndQuarterHourTimeZone() throws Exception {
        String pw1 = extension("164021", "测试镇 财务室");
        String pw2 = extension("164022", "测试镇 档案室");
        JsonNode device = device("0c:38:3e:13:40:21", "fanvil", null, "164021", "164022");
        String mac = device.get("mac").asText();
        assertThat(device.get("transport").asText()).isEqualTo("udp");
        String provisioning = device.get("provisioningPassword").asText();

        MockHttpServletResponse response = fetch(mac + ".cfg", mac, provisioning);
        assertThat(response.getStatus()).isEqualTo(200);
        String cfg = text(response);
        assertThat(cfg).startsWith("<<VOIP CONFIG FILE>>Version:2.0000000000\r\n").contains("<SIP CONFIG MODULE>\r\n")
                .endsWith("<<END OF FILE>>\r\n").doesNotContain("\r\r").doesNotContainPattern("[^\r]\n");
        Map<String, String> keys = fanvilKeys(cfg);
        assertThat(keys.get("SIP1 Phone Number")).isEqualTo("164021");
        assertThat(keys.get("SIP1 Register Addr")).isEqualTo(ProvisioningTestApplication.SIP_HOST);
        assertThat(keys.get("SIP1 Register Port")).isEqualTo("5060");
        assertThat(keys.get("SIP1 Register User")).isEqualTo("164021");
        assertThat(keys.get("SIP1 Register Pswd")).isEqualTo(pw1);
        assertThat(keys.get("SIP1 Display Name")).isEqualTo("测试镇 财务室");
        assertThat(keys.get("SIP1 Enable Reg")).isEqualTo("1");
        assertThat(keys.get("SIP1 Transport")).isEqualTo("0"); // UDP
        assertThat(keys.get("SIP2 Register User")).isEqualTo("164022");
        assertThat(keys.get("SIP2 Register Pswd")).isEqualTo(pw2);
        assertThat(keys.get("Time Zone")).isEqualTo("24"); // UTC+6 in quarter hours
        assertThat(keys.get("Time Zone Name")).isEqualTo("UTC+6");
        assertThat(keys.get("Default Language")).isEqualTo("cn");
    }

    @Test
    void polycomMasterFileNamesTheConfigFileWhichHoldsTheRegistrations() throws Exception {
        String pw1 = extension("164031", "测试镇 会议室");
        String pw2 = extension("164032", "测试镇 党政办");
        JsonNode device = device("00:04:f2:13:40:31", "polycom", "udp", "164031", "164032");
        String mac = device.get("mac").asText();
        String provisioning = device.get("provisioningPassword").asText();

        MockHttpServletResponse master = fetch(mac + ".cfg", mac, provisioning);
        assertThat(master.getStatus()).isEqualTo(200);
        Document app = xml(text(master));
        String configFile = xpath(app, "/APPLICATION/@CONFIG_FILES");
        assertThat(configFile).isEqualTo(mac + "-govtel.cfg");
        assertThat(xpath(app, "/APPLICATION/@APP_FILE_PATH")).isEqualTo("sip.ld");

        MockHttpServletResponse phone = fetch(configFile, mac, provisioning);
        assertThat(phone.getStatus()).isEqualTo(200);
        Document doc = xml(text(phone));
        Element reg1 = (Element) nodes(doc, "/polycomConfig/reg[@*[name()='reg.1.address']]").item(0);
        assertThat(reg1.getAttribute("reg.1.address")).isEqualTo("164031");
        assertThat(reg1.getAttribute("reg.1.auth.userId")).isEqualTo("164031");
        assertThat(reg1.getAttribute("reg.1.auth.password")).isEqualTo(pw1);
        assertThat(reg1.getAttribute("reg.1.displayName")).isEqualTo("测试镇 会议室");
        assertThat(reg1.getAttribute("reg.1.server.1.address")).isEqualTo(ProvisioningTestApplication.SIP_HOST);
        assertThat(reg1.getAttribute("reg.1.server.1.port")).isEqualTo("5060");
        assertThat(reg1.getAttribute("reg.1.server.1.transport")).isEqualTo("UDPOnly");
        Element reg2 = (Element) nodes(doc, "/polycomConfig/reg[@*[name()='reg.2.address']]").item(0);
        assertThat(reg2.getAttribute("reg.2.auth.password")).isEqualTo(pw2);
        assertThat(xpath(doc, "/polycomConfig/tcpIpApp/@*[name()='tcpIpApp.sntp.gmtOffset']")).isEqualTo("21600");
        assertThat(xpath(doc, "/polycomConfig/lcl/@*[name()='lcl.ml.lang']")).isEqualTo("Chinese_China");

        // The Polycom file exists for Polycom devices only.
        JsonNode yealink = device("00:15:65:13:40:32", "yealink", "udp", "164031", "164032");
        String other = yealink.get("mac").asText();
        assertThat(fetch(other + "-govtel.cfg", other, yealink.get("provisioningPassword").asText()).getStatus())
                .isEqualTo(404);
    }

    @Test
    void unknownMacIs404AndMissingOrWrongCredentialsAre401AllLogged() throws Exception {
        extension("164041", "测试镇 门卫");
        extension("164042", "测试镇 食堂");
        JsonNode device = device("00:15:65:13:40:41", "yealink", "udp", "164041", "164042");
        long id = device.get("id").asLong();
        String mac = device.get("mac").asText();
        String provisioning = device.get("provisioningPassword").asText();
        JsonNode other = device("00:15:65:13:40:42", "yealink", "udp", "164041", "164042");

        assertThat(fetch("001565ffff99.cfg", null, null).getStatus()).isEqualTo(404);
        assertThat(fetch("cfg001565ffff99.xml", "001565ffff99", "guess").getStatus()).isEqualTo(404);
        assertThat(fetch("not-a-phone-file.txt", mac, provisioning).getStatus()).isEqualTo(404);

        MockHttpServletResponse anonymous = fetch(mac + ".cfg", null, null);
        assertThat(anonymous.getStatus()).isEqualTo(401);
        assertThat(anonymous.getHeader("WWW-Authenticate")).startsWith("Basic realm=\"GovTel provisioning\"");
        assertThat(text(anonymous)).doesNotContain("account.");
        assertThat(fetch(mac + ".cfg", mac, provisioning + "x").getStatus()).isEqualTo(401);
        // Another phone's valid credentials do not open this phone's file.
        assertThat(fetch(mac + ".cfg", other.get("mac").asText(), other.get("provisioningPassword").asText())
                .getStatus()).isEqualTo(401);
        assertThat(fetch(mac + ".cfg", mac, provisioning).getStatus()).isEqualTo(200);

        // A new provisioning password: shown once, audited; the old one stops working.
        // Another county's site admin may neither renew it nor read the fetch log (403).
        assertThat(as(HUOCHENG, post("/api/devices/" + id + "/provisioning-password")).andReturn().getResponse()
                .getStatus()).isEqualTo(403);
        assertThat(as(HUOCHENG, get("/api/devices/" + id + "/fetches")).andReturn().getResponse().getStatus())
                .isEqualTo(403);
        assertThat(fetch(mac + ".cfg", mac, provisioning).getStatus()).isEqualTo(200);
        JsonNode reset = body(as(ADMIN, post("/api/devices/" + id + "/provisioning-password")));
        String renewed = reset.get("provisioningPassword").asText();
        assertThat(renewed).hasSize(24).isNotEqualTo(provisioning);
        assertThat(reset.get("mac").asText()).isEqualTo(mac);
        assertThat(fetch(mac + ".cfg", mac, provisioning).getStatus()).isEqualTo(401);
        assertThat(fetch(mac + ".cfg", mac, renewed).getStatus()).isEqualTo(200);
        String audit = text(as(ADMIN, get("/api/audit").param("entityType", "device")
                .param("entityId", Long.toString(id))).andReturn().getResponse());
        assertThat(audit).contains("reset-provisioning-password").doesNotContain(renewed).doesNotContain(provisioning);
        assertThat(text(as(ADMIN, get("/api/devices/" + id)).andReturn().getResponse()))
                .doesNotContain("provisioningPassword");

        JsonNode fetches = body(as(AUDITOR, get("/api/devices/" + id + "/fetches")));
        List<Integer> statuses = new ArrayList<>();
        fetches.get("items").forEach(f -> statuses.add(f.get("status").asInt()));
        // Newest first: 200 (new password), 401 (old one), 200, 200, 401 (other phone), 401, 401 (anonymous).
        assertThat(statuses).startsWith(200, 401, 200, 200, 401, 401, 401);
        assertThat(fetches.get("items").get(0).get("fileName").asText()).isEqualTo(mac + ".cfg");
        assertThat(fetches.get("items").get(0).get("remoteAddress").asText()).isEqualTo("127.0.0.1");
        assertThat(fetches.get("items").get(0).get("userAgent").asText()).isEqualTo("test-phone/1.0");
        assertThat(fetches.get("items").get(0).get("mac").asText()).isEqualTo(mac);

        // Requests for MACs of no device are in the prefecture-wide log.
        JsonNode unknown = body(as(AUDITOR, get("/api/provisioning-fetches").param("mac", "00:15:65:FF:FF:99")));
        assertThat(unknown.get("total").asLong()).isEqualTo(2);
        unknown.get("items").forEach(f -> {
            assertThat(f.get("status").asInt()).isEqualTo(404);
            assertThat(f.get("deviceId").isNull()).isTrue();
        });
        assertThat(as(HUOCHENG, get("/api/provisioning-fetches")).andReturn().getResponse().getStatus())
                .isEqualTo(403);
        assertThat(as(HUOCHENG, get("/api/provisioning-fetches").param("mac", "nonsense")).andReturn().getResponse()
                .getStatus()).isEqualTo(403);
        assertThat(as(ADMIN, get("/api/provisioning-fetches").param("mac", "nonsense")).andReturn().getResponse()
                .getStatus()).isEqualTo(400);
    }

    @Test
    void aDisplayNameWithLineBreaksCannotAddLinesToATextFile() throws Exception {
        String evil = "恶意\naccount.1.sip_server.1.address = evil.example\r\nlang.gui = English";
        JsonNode created = body(as(ADMIN, withJson(post("/api/extensions"), toJson(Map.of("number", "164051",
                "displayName", evil, "officeId", officeId)))));
        String pw = created.get("password").asText();
        extension("164052", "测试镇 = 等号:冒号");
        JsonNode device = device("00:15:65:13:40:51", "yealink", "udp", "164051", "164052");
        String mac = device.get("mac").asText();
        Map<String, List<String>> keys = yealinkKeys(text(fetch(mac + ".cfg", mac,
                device.get("provisioningPassword").asText())));
        assertThat(keys.get("account.1.sip_server.1.address")).containsExactly(ProvisioningTestApplication.SIP_HOST);
        assertThat(keys.get("lang.gui")).containsExactly("Chinese_S");
        assertThat(keys.get("account.1.display_name")).hasSize(1).first(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .startsWith("恶意 account.1.sip_server.1.address = evil.example").doesNotContain("\n", "\r");
        assertThat(keys.get("account.1.password")).containsExactly(pw);
        assertThat(keys.get("account.2.display_name")).containsExactly("测试镇 = 等号:冒号");

        JsonNode fanvil = device("0c:38:3e:13:40:51", "fanvil", "udp", "164051", "164052");
        String fmac = fanvil.get("mac").asText();
        Map<String, String> fkeys = fanvilKeys(text(fetch(fmac + ".cfg", fmac,
                fanvil.get("provisioningPassword").asText())));
        assertThat(fkeys.get("SIP1 Register Addr")).isEqualTo(ProvisioningTestApplication.SIP_HOST);
        assertThat(fkeys.get("SIP2 Display Name")).isEqualTo("测试镇 = 等号:冒号");
    }

    @Test
    void anExtensionWithoutStoredPasswordOrDisabledGetsNoPasswordAndAWarningNamingIt(CapturedOutput output)
            throws Exception {
        String pw1 = extension("164061", "测试镇 旧分机");
        extension("164062", "测试镇 停用分机");
        // An extension whose password was set before the encrypted copy existed.
        jdbc.sql("UPDATE extensions SET sip_secret_enc = NULL WHERE number = '164061'").update();
        as(ADMIN, post("/api/extensions/164062/disable")).andReturn();
        JsonNode device = device("00:15:65:13:40:61", "yealink", "udp", "164061", "164062");
        String mac = device.get("mac").asText();
        String provisioning = device.get("provisioningPassword").asText();

        Map<String, List<String>> keys = yealinkKeys(text(fetch(mac + ".cfg", mac, provisioning)));
        assertThat(keys.get("account.1.enable")).containsExactly("1");
        assertThat(keys).doesNotContainKey("account.1.password");
        assertThat(keys.get("account.2.enable")).containsExactly("0");
        assertThat(keys).doesNotContainKey("account.2.password");
        assertThat(output.getAll()).contains("Extension 164061 on line 1 of device").doesNotContain(pw1);

        // A reset password is stored encrypted again and reaches the file.
        String renewed = body(as(ADMIN, post("/api/extensions/164061/password"))).get("password").asText();
        assertThat(yealinkKeys(text(fetch(mac + ".cfg", mac, provisioning))).get("account.1.password"))
                .containsExactly(renewed);
    }

    @Test
    void passwordsFromACsvImportReachThePhone() throws Exception {
        String csv = "number,display_name,site,office,password\n"
                + "164081,测试镇 导入一,phone-town," + OFFICE + ",Imported-Pass-1\n"
                + "164082,测试镇 导入二,phone-town,,\n";
        JsonNode imported = body(as(ADMIN, post("/api/extensions/import").contentType("text/csv")
                .content(csv.getBytes(StandardCharsets.UTF_8))));
        assertThat(imported.get("imported").asInt()).as(imported.toString()).isEqualTo(2);
        String generated = imported.get("passwords").get(0).get("password").asText();
        JsonNode device = device("0c:38:3e:13:40:81", "fanvil", "tcp", "164081", "164082");
        String mac = device.get("mac").asText();
        Map<String, String> keys = fanvilKeys(text(fetch(mac + ".cfg", mac, device.get("provisioningPassword").asText())));
        assertThat(keys.get("SIP1 Register Pswd")).isEqualTo("Imported-Pass-1");
        assertThat(keys.get("SIP2 Register Pswd")).isEqualTo(generated);
        assertThat(keys.get("SIP1 Transport")).isEqualTo("1"); // TCP
    }

    @Test
    void phonebooksListEnabledExtensionsGroupedBySiteAndOffice() throws Exception {
        extension("164071", "测试镇人民政府 通讯员");
        extension("164072", "测试镇人民政府 已停用");
        as(ADMIN, post("/api/extensions/164072/disable")).andReturn();
        JsonNode yealink = device("00:15:65:13:40:71", "yealink", "udp", "164071", "164072");
        JsonNode grandstream = device("00:0b:82:13:40:71", "grandstream", "udp", "164071", "164072");
        String ymac = yealink.get("mac").asText();
        String gmac = grandstream.get("mac").asText();

        MockHttpServletResponse y = fetch("phonebook/yealink.xml", ymac, yealink.get("provisioningPassword").asText());
        assertThat(y.getStatus()).isEqualTo(200);
        // Plain UTF-8, not a character reference per Chinese character.
        assertThat(text(y)).contains("测试镇人民政府 通讯员").doesNotContain("&#x");
        Document ydoc = xml(text(y));
        assertThat(xpath(ydoc, "/YealinkIPPhoneBook/Title")).isEqualTo("GovTel 通讯录");
        String group = "测试镇 " + OFFICE;
        assertThat(xpath(ydoc, "/YealinkIPPhoneBook/Menu[@Name='" + group + "']/Unit[@Phone1='164071']/@Name"))
                .isEqualTo("测试镇人民政府 通讯员");
        assertThat(nodes(ydoc, "//Unit[@Phone1='164072']").getLength()).as("disabled: not listed").isZero();
        // The demo directory is there too, one menu per site office, each number once.
        assertThat(xpath(ydoc, "/YealinkIPPhoneBook/Menu[Unit/@Phone1='130101']/@Name")).startsWith("霍城县 ");
        NodeList units = nodes(ydoc, "//Unit");
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < units.getLength(); i++) {
            numbers.add(((Element) units.item(i)).getAttribute("Phone1"));
        }
        assertThat(numbers).doesNotHaveDuplicates().contains("100101", "130101", "164071");

        MockHttpServletResponse g = fetch("phonebook/grandstream/phonebook.xml", gmac,
                grandstream.get("provisioningPassword").asText());
        assertThat(g.getStatus()).isEqualTo(200);
        Document gdoc = xml(text(g));
        String groupId = xpath(gdoc, "/AddressBook/pbgroup[name='" + group + "']/id");
        assertThat(groupId).isNotEmpty();
        assertThat(xpath(gdoc, "/AddressBook/Contact[Phone/phonenumber='164071']/Groups/groupid")).isEqualTo(groupId);
        assertThat(xpath(gdoc, "/AddressBook/Contact[Phone/phonenumber='164071']/LastName"))
                .isEqualTo("测试镇人民政府 通讯员");
        assertThat(nodes(gdoc, "/AddressBook/Contact[Phone/phonenumber='164072']").getLength()).isZero();
        NodeList groupIds = nodes(gdoc, "/AddressBook/Contact/Groups/groupid");
        for (int i = 0; i < groupIds.getLength(); i++) {
            String id = groupIds.item(i).getTextContent();
            assertThat(nodes(gdoc, "/AddressBook/pbgroup[id='" + id + "']").getLength()).as("group " + id).isOne();
        }
        assertThat(text(fetch("phonebook/grandstream.xml", gmac, grandstream.get("provisioningPassword").asText())))
                .isEqualTo(text(g));

        // Phonebooks are for provisioned devices only.
        assertThat(fetch("phonebook/yealink.xml", null, null).getStatus()).isEqualTo(401);
        assertThat(fetch("phonebook/yealink.xml", "001565ffff98", "guess").getStatus()).isEqualTo(401);
        assertThat(fetch("phonebook/yealink.xml", ymac, "wrong").getStatus()).isEqualTo(401);
        assertThat(fetch("phonebook/yealink.xml", "admin", fixture.password(ADMIN)).getStatus()).isEqualTo(401);
    }

    @Test
    void sitesCarryTimeZoneAndPhoneLanguageValidated() throws Exception {
        JsonNode town = body(as(ADMIN, get("/api/sites/" + townId)));
        assertThat(town.get("timeZone").asText()).isEqualTo("Asia/Urumqi");
        assertThat(town.get("phoneLanguage").asText()).isEqualTo("zh");
        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("parentId", site("zhaosu").id());
        bad.put("kind", "TOWNSHIP");
        bad.put("code", "bad-town");
        bad.put("nameZh", "坏镇");
        bad.put("nameEn", "Bad Town");
        bad.put("numberPrefix", "163");
        bad.put("timeZone", "Xinjiang/Time");
        bad.put("phoneLanguage", "fr");
        JsonNode problem = body(as(ADMIN, withJson(post("/api/sites"), toJson(bad))));
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("errors").findValuesAsText("field")).contains("phoneLanguage");
        bad.put("phoneLanguage", "ug");
        problem = body(as(ADMIN, withJson(post("/api/sites"), toJson(bad))));
        assertThat(problem.get("errors").findValuesAsText("field")).containsExactly("timeZone");

        // An English-language site gets English phones.
        bad.put("timeZone", "Asia/Shanghai");
        bad.put("phoneLanguage", "en");
        bad.put("code", "english-town");
        long english = body(as(ADMIN, withJson(post("/api/sites"), toJson(bad)))).get("id").asLong();
        JsonNode created = body(as(ADMIN, withJson(post("/api/extensions"), toJson(Map.of("number", "163001",
                "displayName", "English desk")))));
        assertThat(created.get("extension").get("siteId").asLong()).isEqualTo(english);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("mac", "00:15:65:16:30:01");
        d.put("vendor", "yealink");
        d.put("model", "T46U");
        d.put("siteId", english);
        d.put("lines", List.of(Map.of("line", 1, "extension", "163001")));
        JsonNode device = body(as(ADMIN, withJson(post("/api/devices"), toJson(d))));
        String mac = device.get("mac").asText();
        Map<String, List<String>> keys = yealinkKeys(text(fetch(mac + ".cfg", mac,
                device.get("provisioningPassword").asText())));
        assertThat(keys.get("lang.gui")).containsExactly("English");
        assertThat(keys.get("local_time.time_zone")).containsExactly("+8");
        assertThat(keys.get("local_time.time_zone_name")).containsExactly("China(Beijing)");

        d.put("mac", "00:15:65:16:30:02");
        d.put("transport", "sctp");
        JsonNode invalid = body(as(ADMIN, withJson(post("/api/devices"), toJson(d))));
        assertThat(invalid.get("errors").findValuesAsText("field")).containsExactly("transport");
    }
}
