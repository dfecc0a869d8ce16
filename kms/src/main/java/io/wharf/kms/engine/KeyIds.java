package io.wharf.kms.engine;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The forms a {@code KeyId} takes: a key id (UUID), a key ARN, an alias name or an alias ARN. */
final class KeyIds {
    static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern ARN = Pattern.compile("arn:aws[a-z-]*:kms:([a-z0-9-]+):(\\d{12}):(key/|alias/)(.+)");

    private KeyIds() {
    }

    static String keyArn(String region, String account, String keyId) {
        return "arn:aws:kms:" + region + ":" + account + ":key/" + keyId;
    }

    static String aliasArn(String region, String account, String aliasName) {
        return "arn:aws:kms:" + region + ":" + account + ":" + aliasName;
    }

    /**
     * A parsed reference: {@code alias} tells a key from an alias; {@code name} is the key id or the alias name
     * ({@code alias/…}); {@code account} and {@code region} come from an ARN or the caller.
     */
    record Ref(boolean alias, String name, String account, String region, boolean arn) {
        String displayArn() {
            return alias ? aliasArn(region, account, name) : keyArn(region, account, name);
        }
    }

    /** The reference {@code keyId} makes from {@code account}/{@code region}, or null when it is none of the forms. */
    static Ref parse(String keyId, String account, String region) {
        if (keyId.startsWith("arn:")) {
            Matcher m = ARN.matcher(keyId);
            if (!m.matches()) {
                return null;
            }
            boolean alias = m.group(3).equals("alias/");
            String name = alias ? "alias/" + m.group(4) : m.group(4);
            return new Ref(alias, name, m.group(2), m.group(1), true);
        }
        if (keyId.startsWith("alias/")) {
            return new Ref(true, keyId, account, region, false);
        }
        return new Ref(false, keyId, account, region, false);
    }
}
