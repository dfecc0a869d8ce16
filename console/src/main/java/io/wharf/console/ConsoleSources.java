package io.wharf.console;

import io.wharf.kinesis.KinesisService;
import io.wharf.protocol.auth.AccessControl;
import io.wharf.protocol.auth.AuthMode;
import io.wharf.protocol.auth.CredentialStore;
import io.wharf.sns.SnsService;
import io.wharf.sqs.SqsService;

import java.time.Clock;
import java.util.Objects;

/**
 * What the console reads and acts on, wired by the server.
 *
 * @param mode           the server's auth mode: sign-in is asked for when it verifies signatures, policies are
 *                       evaluated (by {@code access}) when it enforces them
 * @param credentials    the access keys sign-in checks (IAM's)
 * @param access         the policy evaluation the wire API uses ({@link AccessControl#ALLOW_ALL} unless enforced)
 * @param defaultAccount the account shown when nobody signs in
 * @param defaultRegion  the region shown first
 */
public record ConsoleSources(SqsService sqs, SnsService sns, KinesisService kinesis, AuthMode mode,
                             CredentialStore credentials, AccessControl access, String defaultAccount,
                             String defaultRegion, Clock clock) {
    public ConsoleSources {
        Objects.requireNonNull(sqs, "sqs");
        Objects.requireNonNull(sns, "sns");
        Objects.requireNonNull(kinesis, "kinesis");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(clock, "clock");
        if (mode.verifiesSignatures()) {
            Objects.requireNonNull(credentials, "credentials are needed to sign in");
        }
    }
}
