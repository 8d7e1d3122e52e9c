package org.govtel.provisioning.extension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.govtel.provisioning.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** CSV bulk import (all or nothing, or partial) and export. */
class ExtensionCsvTest extends ApiTest {

    @Autowired
    ExtensionRepository extensions;

    private static MockHttpServletRequestBuilder csv(String path, String body) {
        return post(path).contentType("text/csv").content(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void rowErrorsRejectTheWholeFileUnlessPartial() throws Exception {
        String file = """
                number,display_name,site,office,password
                150901,新源县 导入一,xinyuan,新源县人民政府办公室,
                150902,"新源县 导入二, 副",xinyuan,,goodPassword99
                15090x,bad number,xinyuan,,
                150903,,xinyuan,,
                150904,no such office,xinyuan,不存在的办公室,
                140904,wrong block,xinyuan,,
                150905,unknown site,nowhere,,
                100101,taken,seat,,
                150901,twice,xinyuan,,
                150906,bad password,xinyuan,,a b
                """;
        JsonNode rejected = body(as(ADMIN, csv("/api/extensions/import", file)).andExpect(status().isBadRequest()));
        assertThat(rejected.get("imported").asInt()).isZero();
        assertThat(rejected.get("failed").asInt()).isEqualTo(8);
        List<String> rowsAndFields = new java.util.ArrayList<>();
        rejected.get("errors").forEach(e -> rowsAndFields.add(e.get("row").asInt() + ":" + e.get("field").asText()));
        assertThat(rowsAndFields).containsExactly("3:number", "4:display_name", "5:office", "6:number", "7:site",
                "8:number", "9:number", "10:password");
        assertThat(extensions.findByNumber("150901")).isEmpty();
        assertThat(extensions.findByNumber("150902")).isEmpty();

        JsonNode partial = body(as(ADMIN, csv("/api/extensions/import?partial=true", file)).andExpect(status().isOk()));
        assertThat(partial.get("imported").asInt()).isEqualTo(2);
        assertThat(partial.get("failed").asInt()).isEqualTo(8);
        assertThat(partial.get("errors")).hasSize(8);
        // Generated passwords are listed (once); supplied ones are not echoed.
        assertThat(partial.get("passwords").findValuesAsText("number")).containsExactly("150901");
        String generated = partial.get("passwords").get(0).get("password").asText();
        assertThat(extensions.findByNumber("150901").orElseThrow().secrets().matches("150901", "govtel", generated)).isTrue();
        Extension two = extensions.findByNumber("150902").orElseThrow();
        assertThat(two.displayName()).isEqualTo("新源县 导入二, 副");
        assertThat(two.secrets().matches("150902", "govtel", "goodPassword99")).isTrue();
        assertThat(two.officeId()).isNull();
        assertThat(extensions.findByNumber("150901").orElseThrow().officeId()).isNotNull();
    }

    @Test
    void aSiteAdminImportsIntoTheirScopeOnlyAndAHeaderIsRequired() throws Exception {
        String file = "number,display_name,site,office\n130911,ok,huocheng,\n140911,other county,gongliu,\n";
        JsonNode rejected = body(as(HUOCHENG, csv("/api/extensions/import", file)).andExpect(status().isBadRequest()));
        assertThat(rejected.at("/errors/0/row").asInt()).isEqualTo(2);
        assertThat(rejected.at("/errors/0/field").asText()).isEqualTo("site");
        assertThat(extensions.findByNumber("130911")).isEmpty();

        as(HUOCHENG, csv("/api/extensions/import", "130911,ok,huocheng\n")).andExpect(status().isBadRequest())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$.errors[0].field")
                        .value("file"));
        as(AUDITOR, csv("/api/extensions/import", file)).andExpect(status().isForbidden());
    }

    @Test
    void exportRoundTrips() throws Exception {
        String file = """
                number,display_name,site,office,display_name_kk,enabled,forward_busy
                180901,尼勒克 导出一,nilka,尼勒克县应急管理局,Нілқы,true,180902
                180902,"尼勒克 ""导出"" 二",nilka,,,false,
                """;
        as(ADMIN, csv("/api/extensions/import", file)).andExpect(status().isOk());
        String exported = as(ADMIN, get("/api/extensions/export").param("siteId", site("nilka").id().toString()))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/csv"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(exported).startsWith("number,display_name,site,office,display_name_kk,display_name_ug,enabled,");
        assertThat(exported).contains("180901,尼勒克 导出一,nilka,尼勒克县应急管理局,Нілқы,,true,,180902,");
        List<Extension> before = extensions.findAll().stream().filter(e -> e.siteCode().equals("nilka")).toList();
        assertThat(before).hasSizeGreaterThan(2);

        // Delete the site's extensions, import the export: the same directory comes back.
        for (Extension e : before) {
            as(ADMIN, org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete(
                    "/api/extensions/" + e.number())).andExpect(status().isNoContent());
        }
        JsonNode again = body(as(ADMIN, csv("/api/extensions/import", exported)).andExpect(status().isOk()));
        assertThat(again.get("imported").asInt()).isEqualTo(before.size());
        List<Extension> after = extensions.findAll().stream().filter(e -> e.siteCode().equals("nilka")).toList();
        assertThat(after).usingRecursiveFieldByFieldElementComparatorIgnoringFields("secrets", "createdAt", "updatedAt")
                .containsExactlyElementsOf(before);
        Extension quoted = extensions.findByNumber("180902").orElseThrow();
        assertThat(quoted.displayName()).isEqualTo("尼勒克 \"导出\" 二");
        assertThat(quoted.enabled()).isFalse();
        // The huocheng admin's export holds nothing of Nilka.
        String scoped = as(HUOCHENG, get("/api/extensions/export")).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(scoped).doesNotContain("nilka").contains("huocheng");
    }
}
