package org.govtel.provisioning.admin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.govtel.provisioning.audit.AuditLog;
import org.govtel.provisioning.extension.Passwords;
import org.govtel.provisioning.files.OwnerOnlyFile;
import org.govtel.provisioning.security.CurrentAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The first administrator (a stable interface for operators): on a start with no admin at all,
 * creates {@value #USERNAME} (prefecture admin) with a generated password, writes the password to
 * {@code DATA_DIR/}{@value #FILE_NAME} readable by its owner only, and logs where the file is,
 * never the password. There is no default password. An existing file is never overwritten: if
 * the table is empty but the file exists, the database was replaced (or the wrong one is
 * connected) and the start stops with an explanation.
 */
@Component
public class InitialAdmin {

    public static final String USERNAME = "admin";
    public static final String FILE_NAME = "initial-admin-password";

    private static final Logger log = LoggerFactory.getLogger(InitialAdmin.class);

    private final AdminRepository admins;
    private final PasswordEncoder encoder;
    private final AuditLog audit;
    private final TransactionTemplate tx;

    public InitialAdmin(AdminRepository admins, PasswordEncoder encoder, AuditLog audit,
                        PlatformTransactionManager transactions) {
        this.admins = admins;
        this.encoder = encoder;
        this.audit = audit;
        this.tx = new TransactionTemplate(transactions);
    }

    /** Creates the first admin if there is none; returns the password file it wrote. */
    public Optional<Path> createIfNone(Path dataDir) {
        if (admins.count() > 0) {
            return Optional.empty();
        }
        Path file = dataDir.toAbsolutePath().resolve(FILE_NAME);
        if (Files.exists(file)) {
            throw new IllegalStateException("There is no admin in the database but " + file + " exists: it holds the"
                    + " password of a previous database. Check that the right database is configured; if it is, move"
                    + " the file away and start again to create a new first admin.");
        }
        String password = Passwords.generate();
        boolean[] written = {false};
        try {
            tx.executeWithoutResult(status -> {
                Admin admin = admins.insert(USERNAME, encoder.encode(password), AdminRole.PREFECTURE_ADMIN, null, true);
                audit.record(CurrentAdmin.SYSTEM, "create", "admin", admin.username(), null, null,
                        Map.of("username", admin.username(), "role", admin.role().name()));
                // Inside the transaction: no admin without the file that tells its password.
                OwnerOnlyFile.write(file, password + "\n");
                written[0] = true;
            });
        } catch (RuntimeException e) {
            if (written[0]) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
        log.info("Created the first administrator \"{}\" (prefecture admin). Its generated password is in {}"
                + " (readable by its owner only). Log in, set a new password (POST /api/me/password) and delete"
                + " the file.", USERNAME, file);
        return Optional.of(file);
    }

}
