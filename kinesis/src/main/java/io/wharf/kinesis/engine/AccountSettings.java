package io.wharf.kinesis.engine;

/**
 * An account's MinimumThroughputBillingCommitment (DescribeAccountSettings/UpdateAccountSettings). Times
 * are epoch ms, −1 when unset.
 */
public record AccountSettings(String status, long startedAtMillis, long endedAtMillis, long earliestAllowedEndAtMillis) {
    static final AccountSettings DISABLED = new AccountSettings("DISABLED", -1, -1, -1);
}
