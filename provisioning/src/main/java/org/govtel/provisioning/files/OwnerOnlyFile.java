package org.govtel.provisioning.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files in the data directory that hold secrets (generated passwords, PINs, keys): created new,
 * readable and writable by the owner only from the first byte (never widened afterwards), and
 * never overwritten.
 */
public final class OwnerOnlyFile {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private OwnerOnlyFile() {
    }

    /** Creates {@code file} (and its directory) owner-only and writes {@code content}; fails if it exists. */
    public static void write(Path file, String content) {
        write(file, content.getBytes(StandardCharsets.UTF_8));
    }

    public static void write(Path file, byte[] content) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (POSIX) {
                Files.createFile(file, OWNER_ONLY);
            } else {
                Files.createFile(file);
                ownerOnly(file);
            }
            Files.write(file, content, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }

    /** A new empty owner-only temporary file in {@code dir}, for writing a secret and then linking it in place. */
    public static Path newTempFile(Path dir, String prefix) throws IOException {
        Files.createDirectories(dir);
        if (POSIX) {
            return Files.createTempFile(dir, prefix, ".tmp", OWNER_ONLY);
        }
        Path tmp = Files.createTempFile(dir, prefix, ".tmp");
        ownerOnly(tmp);
        return tmp;
    }

    private static void ownerOnly(Path file) {
        file.toFile().setReadable(false, false);
        file.toFile().setReadable(true, true);
    }
}
