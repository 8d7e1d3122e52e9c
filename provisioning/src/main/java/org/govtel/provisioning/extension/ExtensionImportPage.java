package org.govtel.provisioning.extension;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.govtel.provisioning.extension.ExtensionDtos.ImportResult;
import org.govtel.provisioning.security.CurrentAdmin;
import org.govtel.provisioning.ui.AdminUiController;
import org.govtel.provisioning.web.ApiProblems;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * CSV import in the admin UI, the same import as {@code POST /api/extensions/import}: every row
 * checked first; with any error nothing is stored unless the admin ticked "import the valid
 * rows"; every row error listed; generated passwords shown once on the answer page.
 */
@AdminUiController
public class ExtensionImportPage {

    private final ExtensionCsv csv;

    public ExtensionImportPage(ExtensionCsv csv) {
        this.csv = csv;
    }

    @GetMapping("/admin/import")
    String form() {
        return "import";
    }

    @PostMapping("/admin/import")
    String importCsv(@AuthenticationPrincipal CurrentAdmin me, @RequestParam("file") MultipartFile file,
                     @RequestParam(defaultValue = "false") boolean partial, Model model) throws IOException {
        model.addAttribute("partial", partial);
        model.addAttribute("fileName", file.getOriginalFilename());
        String text;
        try {
            // Strict UTF-8: a file saved in GBK by a spreadsheet is refused, not imported as mojibake.
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(file.getBytes())).toString();
        } catch (CharacterCodingException e) {
            model.addAttribute("fileError", "ui.import.notUtf8");
            return "import";
        }
        try {
            ImportResult result = csv.importCsv(me, text, partial);
            model.addAttribute("result", result);
        } catch (ExtensionCsv.Rejected rejected) {
            model.addAttribute("result", rejected.result());
            model.addAttribute("rejected", true);
        } catch (ApiProblems.InvalidFields invalid) {
            model.addAttribute("fileProblem", String.join("; ", invalid.errors().values()));
        }
        return "import";
    }
}
