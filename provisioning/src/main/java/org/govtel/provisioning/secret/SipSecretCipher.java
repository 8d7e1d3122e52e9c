package org.govtel.provisioning.secret;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.govtel.provisioning.files.OwnerOnlyFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Keeps an extension's SIP password recoverable for the phone configuration files (which must
 * carry it) without storing it in clear: AES-256-GCM with a random 96-bit nonce per value (NIST
 * SP 800-38D), the extension number as associated data so an encrypted value copied onto another
 * row does not decrypt there. Stored as {@code v1:} + Base64(nonce || ciphertext || tag).
 *
 * <p>The key is 32 random bytes in {@code DATA_DIR/}{@value #KEY_FILE} (Base64), made on first
 * use readable by its owner only, like the first admin's password file. Losing the file makes the
 * stored values useless (phones then get files without passwords until the passwords are reset);
 * it belongs in the same backup as the database, and never in the same place as a database dump
 * handed to someone else.
 */
@Component
public class SipSecretCipher {

    public static final String KEY_FILE = "secret-key";

    private static final Logger log = LoggerFactory.getLogger(SipSecretCipher.class);
    private static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int KEY_BYTES = 32;

    private final Path keyFile;
    private final SecureRandom random = new SecureRandom();
    private volatile SecretKey key;

    public SipSecretCipher(@Value("${govtel.data-dir:./data}") Path dataDir) {
        this.keyFile = dataDir.toAbsolutePath().resolve(KEY_FILE);
    }

    /** The encrypted form of {@code password} for extension {@code number}. */
    public String encrypt(String number, String password) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(number.getBytes(StandardCharsets.US_ASCII));
            byte[] sealed = c.doFinal(password.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is missing from the JRE", e);
        }
    }

    /**
     * The password of extension {@code number}, or empty when {@code stored} is null or does not
     * decrypt with this key for this number (a lost or replaced key file, a value moved between
     * rows). Never logs the value.
     */
    public Optional<String> decrypt(String number, String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            if (in.length <= NONCE_BYTES) {
                return Optional.empty();
            }
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            c.updateAAD(number.getBytes(StandardCharsets.US_ASCII));
            byte[] plain = c.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
            return Optional.of(new String(plain, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            log.warn("The stored SIP password of extension {} does not decrypt with the key in {} ({}); its phones get"
                    + " no password until it is reset", number, keyFile, e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    private SecretKey key() {
        SecretKey k = key;
        if (k == null) {
            synchronized (this) {
                k = key;
                if (k == null) {
                    k = loadOrCreate();
                    key = k;
                }
            }
        }
        return k;
    }

    private SecretKey loadOrCreate() {
        try {
            if (!Files.exists(keyFile)) {
                create();
            }
            byte[] bytes = Base64.getDecoder().decode(Files.readString(keyFile, StandardCharsets.US_ASCII).trim());
            if (bytes.length != KEY_BYTES) {
                throw new IllegalStateException(keyFile + " does not hold a 256-bit key");
            }
            SecretKey k = new SecretKeySpec(bytes, "AES");
            Arrays.fill(bytes, (byte) 0);
            return k;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the secret key file " + keyFile, e);
        }
    }

    /**
     * Writes a new key to a temporary owner-only file and moves it into place without replacing:
     * two processes starting on one data directory (or test JVMs sharing one) end up with the
     * same key, never with a half-written file.
     */
    private void create() throws IOException {
        byte[] bytes = new byte[KEY_BYTES];
        random.nextBytes(bytes);
        Path tmp = OwnerOnlyFile.newTempFile(keyFile.getParent(), KEY_FILE);
        try {
            Files.writeString(tmp, Base64.getEncoder().encodeToString(bytes) + "\n", StandardCharsets.US_ASCII);
            Arrays.fill(bytes, (byte) 0);
            try {
                // A hard link fails if the target exists: the first writer wins, atomically.
                Files.createLink(keyFile, tmp);
                log.info("Created the key that encrypts stored SIP passwords: {} (readable by its owner only; back it up"
                        + " with the database)", keyFile);
            } catch (FileAlreadyExistsException raced) {
                // Another process made it first: use theirs.
            } catch (UnsupportedOperationException | IOException noLinks) {
                try {
                    Files.move(tmp, keyFile, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                    if (!Files.exists(keyFile)) {
                        throw e;
                    }
                }
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
