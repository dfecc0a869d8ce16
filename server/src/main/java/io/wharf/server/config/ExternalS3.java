package io.wharf.server.config;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An S3 endpoint other than Wharf's own that Firehose delivers its objects to ({@code --firehose-s3-endpoint}),
 * path-style ({@code <endpoint>/<bucket>/<key>}), signed with SigV4 by this key in {@code region}. The secret never
 * appears in {@link #toString()}, {@link #describe()} or an error message.
 *
 * @param endpoint        {@code http(s)://host[:port][/path]}, no user info, query or fragment; a trailing '/' dropped
 * @param region          the region the requests are signed for
 * @param accessKeyId     the key id
 * @param secretAccessKey its secret
 */
public record ExternalS3(URI endpoint, String region, String accessKeyId, String secretAccessKey) {
    private static final Pattern REGION = Pattern.compile("[a-z0-9-]{1,64}");
    private static final Pattern KEY_ID = Pattern.compile("[\\x21-\\x7e]{1,128}");
    /** Group and others may not touch a credentials file (as ssh treats private keys). */
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    public ExternalS3 {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    }

    /**
     * Checks every part; {@code credentialsFile}, when given, supplies the key instead of {@code accessKeyId} and
     * {@code secret} (it must not be readable by group or others).
     *
     * @throws ConfigException naming the option, never showing the secret
     */
    static ExternalS3 validated(String endpoint, String region, String accessKeyId, String secret, Path credentialsFile) {
        URI uri = endpoint(endpoint);
        if (region == null || !REGION.matcher(region).matches()) {
            throw new ConfigException(Setting.FIREHOSE_S3_REGION, String.valueOf(region),
                    "expected a region such as us-east-1");
        }
        if (credentialsFile != null) {
            if (accessKeyId != null || secret != null) {
                throw new ConfigException(Setting.FIREHOSE_S3_CREDENTIALS_FILE, credentialsFile.toString(),
                        "give either --firehose-s3-credentials-file or --firehose-s3-access-key-id and "
                                + "--firehose-s3-secret-access-key, not both");
            }
            String[] key = readCredentialsFile(credentialsFile);
            accessKeyId = key[0];
            secret = key[1];
        } else if (accessKeyId == null || secret == null) {
            throw new ConfigException(accessKeyId == null ? Setting.FIREHOSE_S3_ACCESS_KEY_ID
                    : Setting.FIREHOSE_S3_SECRET_ACCESS_KEY, "", "--firehose-s3-endpoint needs a key: "
                    + "--firehose-s3-access-key-id with --firehose-s3-secret-access-key, or --firehose-s3-credentials-file");
        }
        if (!KEY_ID.matcher(accessKeyId).matches()) {
            throw new ConfigException(Setting.FIREHOSE_S3_ACCESS_KEY_ID, accessKeyId,
                    "an access key id is 1-128 printable characters without spaces");
        }
        if (secret.isEmpty() || secret.length() > 256 || secret.chars().anyMatch(c -> c <= ' ' || c > '~')) {
            throw new ConfigException(Setting.FIREHOSE_S3_SECRET_ACCESS_KEY, "****",
                    "the secret access key must be 1-256 printable characters without spaces");
        }
        return new ExternalS3(uri, region, accessKeyId, secret);
    }

    private static URI endpoint(String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            uri = null;
        }
        // the value may carry user info (a password): errors name what is wrong without echoing it
        String shown = uri != null && uri.getRawUserInfo() != null ? "(a URL with user info)" : text;
        if (uri == null || uri.getHost() == null
                || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new ConfigException(Setting.FIREHOSE_S3_ENDPOINT, shown,
                    "expected http(s)://host[:port], such as https://s3.eu-west-1.amazonaws.com or http://127.0.0.1:9000");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new ConfigException(Setting.FIREHOSE_S3_ENDPOINT, shown,
                    "no user info, query or fragment (credentials go in --firehose-s3-access-key-id/-secret-access-key)");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + path);
    }

    /** {@code [aws_access_key_id, aws_secret_access_key]} from a file in the AWS CLI's credentials-file format. */
    private static String[] readCredentialsFile(Path file) {
        try {
            PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
            if (posix != null) {
                Set<PosixFilePermission> permissions = posix.readAttributes().permissions();
                if (permissions.stream().anyMatch(OTHERS::contains)) {
                    throw new ConfigException(Setting.FIREHOSE_S3_CREDENTIALS_FILE, file.toString(),
                            "group or others may read or write it; make it readable by its owner only (chmod 600)");
                }
            }
            Properties properties = new Properties();
            try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
            String keyId = properties.getProperty("aws_access_key_id");
            String secret = properties.getProperty("aws_secret_access_key");
            if (keyId == null || secret == null) {
                throw new ConfigException(Setting.FIREHOSE_S3_CREDENTIALS_FILE, file.toString(),
                        "expected aws_access_key_id = … and aws_secret_access_key = … lines (one profile)");
            }
            return new String[] {keyId.strip(), secret.strip()};
        } catch (IOException e) {
            throw new ConfigException(Setting.FIREHOSE_S3_CREDENTIALS_FILE, file.toString(),
                    "cannot read it (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** For the start-up line: the endpoint, region and key id; the secret as {@code ****}. */
    public String describe() {
        return endpoint + " (path-style, region " + region + ", access key " + accessKeyId + ", secret ****)";
    }

    @Override
    public String toString() {
        return "ExternalS3[" + endpoint + ", " + region + ", " + accessKeyId + ", ****]";
    }
}
