package io.wharf.kms.engine;

import java.time.Instant;

/**
 * An alias: a name ({@code alias/…}) in one account and region pointing at one key of that account and region.
 *
 * @param targetKeyId null for an AWS managed alias whose key was not made yet (ListAliases shows those too)
 */
public record KmsAlias(String account, String region, String name, String arn, String targetKeyId, Instant created,
                       Instant updated) {
}
