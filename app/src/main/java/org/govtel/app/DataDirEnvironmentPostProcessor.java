package org.govtel.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes {@code govtel.data-dir} absolute before anything reads it. The H2 URL is built from it
 * ({@code jdbc:h2:file:${govtel.data-dir}/govtel}) and H2 refuses a relative path that does not
 * start with "./", so {@code --govtel.data-dir=data} would otherwise fail; an absolute path also
 * makes the log say exactly where the files are.
 *
 * <p>A data directory that does not exist yet is created readable by its owner only: the
 * database in it holds the extensions' digest secrets, which are as good as passwords for SIP.
 */
public class DataDirEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String PROPERTY = "govtel.data-dir";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String configured = environment.getProperty(PROPERTY, "./data");
        Path absolute = Path.of(configured).toAbsolutePath().normalize();
        environment.getPropertySources().addFirst(new MapPropertySource("govtelAbsoluteDataDir",
                Map.of(PROPERTY, absolute.toString())));
        createOwnerOnly(absolute);
    }

    private static void createOwnerOnly(Path dir) {
        if (Files.isDirectory(dir)) {
            return; // the operator's directory, with the operator's permissions
        }
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + dir + " (govtel.data-dir)", e);
        }
    }
}
