package org.govtel.provisioning.extension;

import jakarta.validation.Valid;
import java.net.URI;
import org.govtel.provisioning.extension.ExtensionDtos.CreateRequest;
import org.govtel.provisioning.extension.ExtensionDtos.Created;
import org.govtel.provisioning.extension.ExtensionDtos.ExtensionView;
import org.govtel.provisioning.extension.ExtensionDtos.ImportResult;
import org.govtel.provisioning.extension.ExtensionDtos.NewPassword;
import org.govtel.provisioning.extension.ExtensionDtos.RegistrationView;
import org.govtel.provisioning.extension.ExtensionDtos.UpdateRequest;
import org.govtel.provisioning.security.CurrentAdmin;
import org.govtel.provisioning.web.PageResult;
import org.govtel.provisioning.web.Paging;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/extensions")
public class ExtensionController {

    static final MediaType CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

    private final ExtensionService service;
    private final ExtensionCsv csv;

    public ExtensionController(ExtensionService service, ExtensionCsv csv) {
        this.service = service;
        this.csv = csv;
    }

    @GetMapping
    public PageResult<ExtensionView> list(@AuthenticationPrincipal CurrentAdmin me,
                                          @RequestParam(required = false) String q,
                                          @RequestParam(required = false) Integer page,
                                          @RequestParam(required = false) Integer size,
                                          @RequestParam(required = false) Long siteId,
                                          @RequestParam(required = false) Long officeId,
                                          @RequestParam(required = false) Boolean enabled) {
        return service.list(me, Paging.of(q, page, size), siteId, officeId, enabled);
    }

    @GetMapping("/{number}")
    public ExtensionView get(@AuthenticationPrincipal CurrentAdmin me, @PathVariable String number) {
        return service.get(me, number);
    }

    /** Live registration state from the SIP registrar. */
    @GetMapping("/{number}/registration")
    public RegistrationView registration(@AuthenticationPrincipal CurrentAdmin me, @PathVariable String number) {
        return service.registration(me, number);
    }

    /** Creates an extension; a generated SIP password is in the response, and nowhere else, ever. */
    @PostMapping
    public ResponseEntity<Created> create(@AuthenticationPrincipal CurrentAdmin me,
                                          @Valid @RequestBody CreateRequest r) {
        Created created = service.create(me, r);
        return ResponseEntity.created(URI.create("/api/extensions/" + created.extension().number())).body(created);
    }

    @PutMapping("/{number}")
    public ExtensionView update(@AuthenticationPrincipal CurrentAdmin me, @PathVariable String number,
                                @Valid @RequestBody UpdateRequest r) {
        return service.update(me, number, r);
    }

    @PostMapping("/{number}/enable")
    public ExtensionView enable(@AuthenticationPrincipal CurrentAdmin me, @PathVariable String number) {
        return service.setEnabled(me, number, true);
    }

    /** Disables the extension: its next REGISTER gets 403 and its registrations are dropped now. */
    @PostMapping("/{number}/disable")
    public ExtensionView disable(@AuthenticationPrincipal CurrentAdmin me, @PathVariable String number) {
        return service.setEnabled(me, number, false);
    }

    /** Generates a new SIP password, shown once; phones registered with the old one are dropped. */
    @PostMapping("/{number}/password")
    public NewPassword resetPassword(@AuthenticationPrincipal CurrentAdmin me, @PathVariable String number) {
        return service.resetPassword(me, number);
    }

    @DeleteMapping("/{number}")
    public ResponseEntity<Void> delete(@AuthenticationPrincipal CurrentAdmin me, @PathVariable String number) {
        service.delete(me, number);
        return ResponseEntity.noContent().build();
    }

    /**
     * CSV import (body {@code text/csv}). All or nothing: any row error gives 400 listing every
     * error and stores nothing; with {@code partial=true} the good rows are stored and the bad
     * ones listed.
     */
    @PostMapping(path = "/import", consumes = {"text/csv", "text/plain"})
    public ImportResult importCsv(@AuthenticationPrincipal CurrentAdmin me, @RequestBody String body,
                                  @RequestParam(defaultValue = "false") boolean partial) {
        return csv.importCsv(me, body, partial);
    }

    @GetMapping(path = "/export", produces = "text/csv")
    public ResponseEntity<String> exportCsv(@AuthenticationPrincipal CurrentAdmin me,
                                            @RequestParam(required = false) Long siteId) {
        return ResponseEntity.ok()
                .contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"extensions.csv\"")
                .body(csv.exportCsv(me, siteId));
    }

    @ExceptionHandler(ExtensionCsv.Rejected.class)
    ResponseEntity<ProblemDetail> rejected(ExtensionCsv.Rejected e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        p.setTitle("Invalid rows");
        p.setProperty("imported", 0);
        p.setProperty("failed", e.result().failed());
        p.setProperty("errors", e.result().errors());
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }
}
