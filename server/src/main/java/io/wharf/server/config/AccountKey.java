package io.wharf.server.config;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A root access key of an account: {@code --root-access-key-id}/{@code --root-secret-access-key} for
 * {@code --account-id}, and each {@code --account ID:ACCESS_KEY_ID:SECRET}. The secret never appears in
 * {@link #toString()} or in an error message.
 */
public record AccountKey(String accountId, String accessKeyId, String secretAccessKey) {
    static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    /** AWS's access key ids are 16–128 word characters; shorter ones are common in local setups ("test"). */
    static final Pattern ACCESS_KEY_ID = Pattern.compile("\\w{4,128}");
    static final int MIN_SECRET_LENGTH = 8;
    static final int MAX_SECRET_LENGTH = 128;

    public AccountKey {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    }

    /**
     * Checks the parts; {@code setting} names the option in the error, which shows the account and key id, never
     * the secret.
     */
    static AccountKey validated(Setting setting, String accountId, String accessKeyId, String secret) {
        if (!ACCOUNT_ID.matcher(accountId).matches()) {
            throw new ConfigException(setting, accountId, "the account id must be exactly 12 digits");
        }
        if (!ACCESS_KEY_ID.matcher(accessKeyId).matches()) {
            throw new ConfigException(setting, accessKeyId, "an access key id is 4-128 letters, digits or '_'");
        }
        if (secret.length() < MIN_SECRET_LENGTH || secret.length() > MAX_SECRET_LENGTH
                || secret.chars().anyMatch(c -> c <= ' ' || c > '~')) {
            throw new ConfigException(setting, accessKeyId + ":****", "the secret access key must be "
                    + MIN_SECRET_LENGTH + "-" + MAX_SECRET_LENGTH + " printable characters without spaces");
        }
        return new AccountKey(accountId, accessKeyId, secret);
    }

    /** {@code ID:ACCESS_KEY_ID:SECRET} (the secret may itself contain ':'). */
    static AccountKey parse(Setting setting, String text) {
        String[] parts = text.strip().split(":", 3);
        if (parts.length != 3) {
            throw new ConfigException(setting, parts[0] + ":…", "expected ACCOUNT_ID:ACCESS_KEY_ID:SECRET");
        }
        return validated(setting, parts[0], parts[1], parts[2]);
    }

    @Override
    public String toString() {
        return "AccountKey[" + accountId + ", " + accessKeyId + ", ****]";
    }
}
