package org.govtel.provisioning.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The encrypted copies of SIP passwords: AES-256-GCM, key file made once, bound to the extension. */
class SipSecretCipherTest {

    @TempDir
    Path dataDir;

    @Test
    void encryptsWithAFreshNonceAndDecryptsForTheSameExtensionOnly() throws Exception {
        SipSecretCipher cipher = new SipSecretCipher(dataDir);
        String a = cipher.encrypt("130101", "s3cret-Passw0rd");
        String b = cipher.encrypt("130101", "s3cret-Passw0rd");
        assertThat(a).startsWith("v1:").isNotEqualTo(b).doesNotContain("s3cret");
        assertThat(a.length()).isLessThanOrEqualTo(255);
        assertThat(cipher.decrypt("130101", a)).contains("s3cret-Passw0rd");
        assertThat(cipher.decrypt("130101", b)).contains("s3cret-Passw0rd");
        // Copied onto another extension's row, it does not decrypt.
        assertThat(cipher.decrypt("130102", a)).isEmpty();
        // Tampered, truncated, missing: nothing.
        char last = a.charAt(a.length() - 2);
        assertThat(cipher.decrypt("130101", a.substring(0, a.length() - 2) + (last == 'A' ? 'B' : 'A') + "=")).isEmpty();
        assertThat(cipher.decrypt("130101", "v1:AAAA")).isEmpty();
        assertThat(cipher.decrypt("130101", null)).isEmpty();
        assertThat(cipher.decrypt("130101", "not encrypted")).isEmpty();
        // A 64-character password (the longest the API accepts) fits the column.
        assertThat(cipher.encrypt("130101", "x".repeat(64)).length()).isLessThanOrEqualTo(255);
    }

    @Test
    void theKeyFileIsMadeOnceOwnerOnlyAndSharedByLaterInstances() throws Exception {
        SipSecretCipher first = new SipSecretCipher(dataDir);
        String sealed = first.encrypt("140101", "password-1");
        Path key = dataDir.resolve(SipSecretCipher.KEY_FILE);
        assertThat(key).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        String keyText = Files.readString(key);
        assertThat(Files.list(dataDir)).containsExactly(key); // no temporary file left

        SipSecretCipher restarted = new SipSecretCipher(dataDir);
        assertThat(restarted.decrypt("140101", sealed)).contains("password-1");
        assertThat(Files.readString(key)).isEqualTo(keyText);

        // Another key (a lost key file replaced by a new one) cannot read it.
        Path otherDir = Files.createDirectory(dataDir.resolve("other"));
        assertThat(new SipSecretCipher(otherDir).decrypt("140101", sealed)).isEmpty();
    }
}
