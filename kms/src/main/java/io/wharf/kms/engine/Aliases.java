package io.wharf.kms.engine;

import io.wharf.kms.KmsErrors;

/** KMS's rules for alias names beyond the model's pattern. */
final class Aliases {
    private Aliases() {
    }

    /** CreateAlias: {@code alias/<name>}, no {@code :}, not under the reserved {@code alias/aws/}. */
    static void validateName(String name) {
        validateReference(name);
        if (name.length() == "alias/".length()) {
            throw KmsErrors.INVALID_ALIAS_NAME.error("Alias name must not be empty after alias/.");
        }
        if (name.indexOf(':') >= 0) {
            throw KmsErrors.INVALID_ALIAS_NAME.error(name + " contains invalid characters for an alias");
        }
    }

    /** UpdateAlias, DeleteAlias: an alias name the caller may change. */
    static void validateReference(String name) {
        if (!name.startsWith("alias/")) {
            throw KmsErrors.VALIDATION.error("Alias must start with the prefix \"alias/\". Please see "
                    + "https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html");
        }
        if (name.startsWith("alias/aws/")) {
            throw KmsErrors.NOT_AUTHORIZED.error(
                    "Aliases beginning with alias/aws/ are reserved for AWS managed keys.");
        }
    }
}
