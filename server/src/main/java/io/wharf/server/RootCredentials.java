package io.wharf.server;

import io.wharf.server.config.AccountKey;
import io.wharf.server.config.ConfigException;
import io.wharf.server.config.Setting;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Properties;
import java.util.function.Function;

/**
 * The root key of {@code --account-id} when none is configured: generated on first start and kept in
 * {@code <data-dir>/root-credentials}, created readable by its owner only (0600), in the AWS CLI's credentials-file
 * format so {@code AWS_SHARED_CREDENTIALS_FILE=<data-dir>/root-credentials} lets the CLI and SDKs use it:
 * <pre>
 * [default]
 * aws_access_key_id = AKIA…
 * aws_secret_access_key = …
 * </pre>
 * The secret is never logged; the start-up line names the file and the key id.
 */
final class RootCredentials {
    static final String FILE_NAME = "root-credentials";
    private static final char[] SECRET_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

    private RootCredentials() {
    }

    /**
     * The key kept in {@code dataDir}, made now if there is none.
     *
     * @param newKeyId makes an access key id for the account (AWS's format, encoding the account)
     */
    static AccountKey loadOrCreate(Path dataDir, String accountId, Function<String, String> newKeyId) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (!Files.exists(file)) {
                create(file, accountId, newKeyId.apply(accountId));
            }
            return read(file, accountId);
        } catch (IOException e) {
            throw new ConfigException(Setting.DATA_DIR, dataDir.toString(),
                    "cannot keep the root credentials in " + file + " (" + e.getMessage() + ")");
        }
    }

    static Path file(Path dataDir) {
        return dataDir.resolve(FILE_NAME).toAbsolutePath();
    }

    private static void create(Path file, String accountId, String keyId) throws IOException {
        SecureRandom random = new SecureRandom();
        StringBuilder secret = new StringBuilder(40);
        for (int i = 0; i < 40; i++) {
            secret.append(SECRET_ALPHABET[random.nextInt(SECRET_ALPHABET.length)]);
        }
        String text = "# Root access key of Wharf account " + accountId + ", made on first start. Keep it secret.\n"
                + "[default]\naws_access_key_id = " + keyId + "\naws_secret_access_key = " + secret + "\n";
        Path temporary = file.resolveSibling(FILE_NAME + ".new");
        Files.deleteIfExists(temporary);
        try {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(temporary);
        }
        Files.writeString(temporary, text, StandardCharsets.UTF_8, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
        try {
            Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(temporary); // another start won the race; its key stands
        }
    }

    private static AccountKey read(Path file, String accountId) throws IOException {
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        String keyId = properties.getProperty("aws_access_key_id");
        String secret = properties.getProperty("aws_secret_access_key");
        if (keyId == null || secret == null) {
            throw new IOException("it has no aws_access_key_id or aws_secret_access_key");
        }
        return new AccountKey(accountId, keyId.strip(), secret.strip());
    }
}
