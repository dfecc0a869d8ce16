package io.wharf.iam;

import java.util.Objects;

/**
 * An account's root credentials, from configuration ({@code --account-id}'s root key and each {@code --account
 * ID:KEY:SECRET}). They are not stored: the configuration is read again at every start, so changing it there is how a
 * root key is rotated.
 *
 * @param accountId       the 12-digit account id
 * @param accessKeyId     the root user's access key id
 * @param secretAccessKey its secret
 */
public record AccountRoot(String accountId, String accessKeyId, String secretAccessKey) {
    public AccountRoot {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        if (!accountId.matches("\\d{12}")) {
            throw new IllegalArgumentException("an account id is 12 digits: " + accountId);
        }
    }
}
