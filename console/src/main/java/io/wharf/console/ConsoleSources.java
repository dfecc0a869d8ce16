package io.wharf.console;

import io.wharf.cloudwatch.CloudWatchService;
import io.wharf.dynamodb.DynamoDbService;
import io.wharf.firehose.FirehoseService;
import io.wharf.kinesis.KinesisService;
import io.wharf.protocol.auth.AccessControl;
import io.wharf.protocol.auth.AuthMode;
import io.wharf.protocol.auth.CredentialStore;
import io.wharf.s3.S3Service;
import io.wharf.sns.SnsService;
import io.wharf.sqs.SqsService;

import java.time.Clock;
import java.util.Objects;

/**
 * What the console reads and acts on, wired by the server.
 *
 * @param s3             buckets and objects, read only (null: the pages answer 404, as in tests without it)
 * @param firehose       delivery streams, read only (null: as {@code s3})
 * @param dynamodb       tables, read only (null: as {@code s3})
 * @param cloudWatch     alarms, read only (null: as {@code s3})
 * @param mode           the server's auth mode: sign-in is asked for when it verifies signatures, policies are
 *                       evaluated (by {@code access}) when it enforces them
 * @param credentials    the access keys sign-in checks (IAM's)
 * @param access         the policy evaluation the wire API uses ({@link AccessControl#ALLOW_ALL} unless enforced)
 * @param defaultAccount the account shown when nobody signs in
 * @param defaultRegion  the region shown first
 */
public record ConsoleSources(SqsService sqs, SnsService sns, KinesisService kinesis, S3Service s3,
                             FirehoseService firehose, DynamoDbService dynamodb, CloudWatchService cloudWatch,
                             AuthMode mode,
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

    /** Queues, topics and streams only: the read-only sections answer 404. */
    public ConsoleSources(SqsService sqs, SnsService sns, KinesisService kinesis, AuthMode mode,
                          CredentialStore credentials, AccessControl access, String defaultAccount,
                          String defaultRegion, Clock clock) {
        this(sqs, sns, kinesis, null, null, null, null, mode, credentials, access, defaultAccount, defaultRegion,
                clock);
    }
}
