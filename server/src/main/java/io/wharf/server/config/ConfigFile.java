package io.wharf.server.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * {@code --config FILE}: the settings as a YAML mapping whose keys are the options' names without the dashes
 * ({@code port: 4566}, {@code log-requests: true}, {@code delivery-allow: [10.0.0.0/8, hooks.internal]}). A list is
 * what a repeatable option takes (its entries are joined as the environment variable's commas would be). An unknown
 * key, a nested mapping or a list for a single-valued setting is refused, naming the file. A file that holds a
 * secret (a root or account secret key, the Firehose S3 secret) must not be readable by group or others, as with
 * {@code --firehose-s3-credentials-file}.
 */
final class ConfigFile {
    static final Setting[] SECRETS = {Setting.ROOT_SECRET_ACCESS_KEY, Setting.ACCOUNTS,
            Setting.FIREHOSE_S3_SECRET_ACCESS_KEY};
    private static final Set<Setting> LISTS = Set.of(Setting.ACCOUNTS, Setting.DELIVERY_ALLOW, Setting.DELIVERY_DENY,
            Setting.LAMBDA_ENDPOINTS, Setting.OPENSEARCH_ENDPOINTS);
    private static final long MAX_BYTES = 1 << 20;

    private ConfigFile() {
    }

    /** The file's key for a setting: its option without the leading dashes. */
    static String key(Setting setting) {
        return setting.option().substring(2);
    }

    /** The settings {@code file} gives, each as the text an option would carry. */
    static Map<Setting, String> read(Path file) {
        JsonNode root;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new ConfigException(Setting.CONFIG, file.toString(), "larger than 1 MiB");
            }
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (NoSuchFileException e) {
            throw new ConfigException(Setting.CONFIG, file.toString(), "no such file");
        } catch (JacksonException e) {
            throw new ConfigException(Setting.CONFIG, file.toString(), "not YAML: "
                    + e.getOriginalMessage().lines().findFirst().orElse("") + " (line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ")");
        } catch (IOException e) {
            throw new ConfigException(Setting.CONFIG, file.toString(), "cannot read it (" + e.getMessage() + ")");
        }
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        if (root == null || root.isNull() || root.isMissingNode()) {
            return values; // an empty file
        }
        if (!root.isObject()) {
            throw new ConfigException(Setting.CONFIG, file.toString(), "expected a mapping of settings at the top");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            Setting setting = byKey(entry.getKey());
            if (setting == null || setting == Setting.CONFIG) {
                throw new ConfigException(Setting.CONFIG, file.toString(), "unknown setting '" + entry.getKey()
                        + "' (the keys are the options' names without the dashes, e.g. port, data-dir)");
            }
            values.put(setting, text(file, setting, entry.getValue()));
        }
        for (Setting secret : SECRETS) {
            if (values.containsKey(secret)) {
                refuseIfShared(file, secret);
            }
        }
        return values;
    }

    private static Setting byKey(String key) {
        for (Setting setting : Setting.values()) {
            if (key(setting).equals(key)) {
                return setting;
            }
        }
        return null;
    }

    private static String text(Path file, Setting setting, JsonNode value) {
        if (value.isArray()) {
            if (!LISTS.contains(setting)) {
                throw new ConfigException(Setting.CONFIG, file.toString(), "'" + key(setting) + "' takes one value, "
                        + "not a list");
            }
            StringJoiner joined = new StringJoiner(",");
            for (JsonNode element : value) {
                if (!element.isValueNode() || element.isNull()) {
                    throw new ConfigException(Setting.CONFIG, file.toString(), "'" + key(setting)
                            + "' lists plain values only");
                }
                joined.add(element.asText());
            }
            return joined.toString();
        }
        if (!value.isValueNode()) {
            throw new ConfigException(Setting.CONFIG, file.toString(), "'" + key(setting) + "' takes a plain value, "
                    + "not a mapping");
        }
        return value.isNull() ? "" : value.asText();
    }

    private static void refuseIfShared(Path file, Setting secret) {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException | IOException e) {
            return; // not a POSIX file system: nothing to check
        }
        if (permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ)
                || permissions.contains(PosixFilePermission.GROUP_WRITE)
                || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new ConfigException(Setting.CONFIG, file.toString(), "it holds '" + key(secret) + "' and group or "
                    + "others may read or write it (chmod 600 it)");
        }
    }
}
