package org.govtel.provisioning.extension;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.govtel.provisioning.extension.ExtensionDtos.ImportResult;
import org.govtel.provisioning.extension.ExtensionDtos.NewPassword;
import org.govtel.provisioning.extension.ExtensionDtos.RowError;
import org.govtel.provisioning.extension.ExtensionService.Checked;
import org.govtel.provisioning.extension.ExtensionService.Context;
import org.govtel.provisioning.extension.ExtensionService.Draft;
import org.govtel.provisioning.extension.ExtensionService.Problem;
import org.govtel.provisioning.office.Office;
import org.govtel.provisioning.office.OfficeRepository;
import org.govtel.provisioning.security.CurrentAdmin;
import org.govtel.provisioning.security.Scope;
import org.govtel.provisioning.security.ScopeService;
import org.govtel.provisioning.web.ApiProblems;
import org.govtel.provisioning.web.Paging;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * CSV bulk import and export of extensions (RFC 4180, UTF-8, a header line naming the columns).
 * Import columns: {@code number,display_name,site,office[,password]} (site = site code, office =
 * the office's Chinese or English name at that site, empty for none), plus optionally the other
 * columns the export writes. Every row is checked first; with any error nothing is imported,
 * unless the admin asks for a partial import, which stores the good rows.
 */
@Service
public class ExtensionCsv {

    public static final List<String> EXPORT_COLUMNS = List.of("number", "display_name", "site", "office",
            "display_name_kk", "display_name_ug", "enabled", "forward_always", "forward_busy", "forward_no_answer");
    static final Set<String> REQUIRED = Set.of("number", "display_name", "site");
    static final int MAX_ROWS = 100_000;

    private static final Pattern NUMBER = Pattern.compile(ExtensionDtos.NUMBER_REGEX);
    private static final Pattern TARGET = Pattern.compile(ExtensionDtos.TARGET_REGEX);
    private static final Pattern PASSWORD = Pattern.compile(ExtensionDtos.PASSWORD_REGEX);

    private final ExtensionService service;
    private final ExtensionRepository extensions;
    private final OfficeRepository offices;
    private final ScopeService scopes;
    private final TransactionTemplate tx;

    public ExtensionCsv(ExtensionService service, ExtensionRepository extensions, OfficeRepository offices,
                        ScopeService scopes, PlatformTransactionManager transactions) {
        this.service = service;
        this.extensions = extensions;
        this.offices = offices;
        this.scopes = scopes;
        this.tx = new TransactionTemplate(transactions);
    }

    /** Thrown when rows have errors and the import was all-or-nothing: nothing was stored. */
    public static class Rejected extends RuntimeException {
        private final ImportResult result;

        Rejected(ImportResult result) {
            super(result.failed() + " row(s) have errors; nothing was imported");
            this.result = result;
        }

        public ImportResult result() {
            return result;
        }
    }

    public ImportResult importCsv(CurrentAdmin me, String csv, boolean partial) {
        Scope scope = scopes.of(me);
        scope.requireWrite();
        List<CSVRecord> records = parse(csv);
        Context ctx = service.newContext();
        List<RowError> errors = new ArrayList<>();
        List<Checked> good = new ArrayList<>();
        Map<String, Long> seen = new HashMap<>();
        Map<String, Long> rows = seen;
        for (CSVRecord rec : records) {
            long row = rec.getRecordNumber();
            List<RowError> rowErrors = new ArrayList<>();
            Draft d = draft(rec, row, rowErrors);
            if (d.number() != null) {
                Long first = seen.putIfAbsent(d.number(), row);
                if (first != null) {
                    rowErrors.add(new RowError(row, d.number(), "number", "appears again (first in row " + first + ")"));
                }
            }
            if (rowErrors.isEmpty()) {
                Object[] resolved = new Object[2];
                List<Problem> problems = service.check(scope, ctx, d, new ArrayList<>(), resolved);
                problems.forEach(p -> rowErrors.add(new RowError(row, d.number(), csvField(p.field()), p.message())));
                if (problems.isEmpty()) {
                    good.add(new Checked(d, (org.govtel.provisioning.site.Site) resolved[0], (Long) resolved[1]));
                }
            }
            errors.addAll(rowErrors);
        }
        int failed = records.size() - good.size();
        if (failed > 0 && !partial) {
            throw new Rejected(new ImportResult(0, failed, errors, List.of()));
        }
        List<NewPassword> passwords = new ArrayList<>();
        int imported = 0;
        if (!partial) {
            // One transaction: a number taken meanwhile by someone else rolls back every row (409).
            tx.executeWithoutResult(status -> {
                for (Checked c : good) {
                    addPassword(passwords, c, service.store(scope, c));
                }
            });
            imported = good.size();
        } else {
            for (Checked c : good) {
                try {
                    String password = tx.execute(status -> service.store(scope, c));
                    addPassword(passwords, c, password);
                    imported++;
                } catch (DataAccessException raced) {
                    failed++;
                    errors.add(new RowError(rows.get(c.draft().number()), c.draft().number(), "number",
                            "could not be stored (taken meanwhile?)"));
                }
            }
        }
        return new ImportResult(imported, failed, errors, passwords);
    }

    /** Generated passwords only: the admin knows the ones the file supplied. */
    private static void addPassword(List<NewPassword> passwords, Checked c, String generated) {
        if (generated != null) {
            passwords.add(new NewPassword(c.draft().number(), generated));
        }
    }

    private static List<CSVRecord> parse(String csv) {
        String text = csv.startsWith("\uFEFF") ? csv.substring(1) : csv;
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreHeaderCase(true).setIgnoreEmptyLines(true).setTrim(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            List<String> header = parser.getHeaderNames().stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
            List<String> missing = REQUIRED.stream().filter(c -> !header.contains(c)).sorted().toList();
            if (!missing.isEmpty()) {
                throw ApiProblems.InvalidFields.of("file", "the header line lacks column(s) " + String.join(", ", missing)
                        + "; expected number,display_name,site,office[,password]");
            }
            List<CSVRecord> records = new ArrayList<>();
            for (CSVRecord r : parser) {
                if (records.size() == MAX_ROWS) {
                    throw ApiProblems.InvalidFields.of("file", "more than " + MAX_ROWS + " rows; split the file");
                }
                records.add(r);
            }
            return records;
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            if (e instanceof ApiProblems.InvalidFields invalid) {
                throw invalid;
            }
            throw ApiProblems.InvalidFields.of("file", "is not valid CSV: " + e.getMessage());
        }
    }

    private static Draft draft(CSVRecord rec, long row, List<RowError> errors) {
        String number = get(rec, "number");
        if (number == null) {
            errors.add(new RowError(row, null, "number", "is required"));
        } else if (!NUMBER.matcher(number).matches()) {
            errors.add(new RowError(row, number, "number", "must be 6 digits"));
        }
        String name = get(rec, "display_name");
        if (name == null) {
            errors.add(new RowError(row, number, "display_name", "is required"));
        } else if (name.length() > 100) {
            errors.add(new RowError(row, number, "display_name", "must be at most 100 characters"));
        }
        String kk = get(rec, "display_name_kk");
        String ug = get(rec, "display_name_ug");
        if (kk != null && kk.length() > 100) {
            errors.add(new RowError(row, number, "display_name_kk", "must be at most 100 characters"));
        }
        if (ug != null && ug.length() > 100) {
            errors.add(new RowError(row, number, "display_name_ug", "must be at most 100 characters"));
        }
        String site = get(rec, "site");
        if (site == null) {
            errors.add(new RowError(row, number, "site", "is required"));
        }
        String password = get(rec, "password");
        if (password != null && !PASSWORD.matcher(password).matches()) {
            errors.add(new RowError(row, number, "password", ExtensionDtos.PASSWORD_MESSAGE));
        }
        String enabledText = get(rec, "enabled");
        boolean enabled = true;
        if (enabledText != null) {
            switch (enabledText.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "1" -> enabled = true;
                case "false", "no", "0" -> enabled = false;
                default -> errors.add(new RowError(row, number, "enabled", "must be true or false"));
            }
        }
        String[] fwd = new String[3];
        String[] fwdColumns = {"forward_always", "forward_busy", "forward_no_answer"};
        for (int i = 0; i < 3; i++) {
            fwd[i] = get(rec, fwdColumns[i]);
            if (fwd[i] != null && !TARGET.matcher(fwd[i]).matches()) {
                errors.add(new RowError(row, number, fwdColumns[i], ExtensionDtos.TARGET_MESSAGE));
            }
        }
        return new Draft(number != null && NUMBER.matcher(number).matches() ? number : null, null, site,
                get(rec, "office"), null, name == null ? null : ExtensionService.names(name, kk, ug), enabled,
                new Extension.Forwarding(fwd[0], fwd[1], fwd[2]), password);
    }

    private static String get(CSVRecord rec, String column) {
        if (!rec.isMapped(column) || !rec.isSet(column)) {
            return null;
        }
        String v = rec.get(column);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static String csvField(String apiField) {
        return switch (apiField) {
            case "officeId" -> "office";
            case "siteId" -> "site";
            case "forwarding.always" -> "forward_always";
            case "forwarding.busy" -> "forward_busy";
            case "forwarding.noAnswer" -> "forward_no_answer";
            default -> apiField;
        };
    }

    /** Every extension the admin may see, in number order, as CSV the import accepts back. */
    public String exportCsv(CurrentAdmin me, Long siteId) {
        Scope scope = scopes.of(me);
        Map<Long, String> officeNames = new HashMap<>();
        StringBuilder out = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder()
                .setHeader(EXPORT_COLUMNS.toArray(String[]::new)).get())) {
            ExtensionRepository.Filter filter = new ExtensionRepository.Filter(scope.sites(), siteId, null, null);
            for (int page = 0; ; page++) {
                List<Extension> batch = extensions.search(new Paging(null, page, Paging.MAX_SIZE), filter);
                for (Extension e : batch) {
                    String office = e.officeId() == null ? "" : officeNames.computeIfAbsent(e.officeId(),
                            id -> offices.findById(id).map(Office::nameZh).orElse(""));
                    printer.printRecord(e.number(), e.displayName(), e.siteCode(), office, nz(e.displayNameKk()),
                            nz(e.displayNameUg()), e.enabled(), nz(e.forwarding().always()), nz(e.forwarding().busy()),
                            nz(e.forwarding().noAnswer()));
                }
                if (batch.size() < Paging.MAX_SIZE) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
