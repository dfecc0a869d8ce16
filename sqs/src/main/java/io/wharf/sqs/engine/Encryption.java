package io.wharf.sqs.engine;

import io.wharf.protocol.AwsException;
import io.wharf.protocol.crypto.DataKeyRing;
import io.wharf.protocol.crypto.KmsFailure;
import io.wharf.sqs.SqsErrors;

import java.util.Map;

/**
 * Server-side encryption of message contents at rest (sqs.md §3.14). A queue with {@code KmsMasterKeyId} seals
 * contents under data keys from that KMS key (SSE-KMS, reused for {@code KmsDataKeyReusePeriodSeconds}); a queue
 * with {@code SqsManagedSseEnabled} (the default) under Wharf-managed keys ({@link SqsManagedKeys}, reused for
 * {@value #MANAGED_REUSE_SECONDS} s) when the server has a master key. The encryption context is AWS's
 * {@code aws:sqs:arn}. Memory keeps plaintext: encryption is at rest.
 */
final class Encryption {
    static final int MANAGED_REUSE_SECONDS = 300;
    static final int DEFAULT_REUSE_SECONDS = 300;

    private Encryption() {
    }

    /** How the queue encrypts given its stored attributes, or null when it stores contents in plain. */
    static DataKeyRing.Scope scopeOf(QueueId id, Map<String, String> attributes) {
        String keyId = attributes.get(QueueAttributes.KMS_MASTER_KEY_ID);
        Map<String, String> context = Map.of("aws:sqs:arn", id.arn());
        if (keyId != null && !keyId.isEmpty()) {
            String reuse = attributes.get(QueueAttributes.KMS_DATA_KEY_REUSE_PERIOD_SECONDS);
            long seconds = reuse == null ? DEFAULT_REUSE_SECONDS : Long.parseLong(reuse);
            return new DataKeyRing.Scope(id.accountId(), false, keyId, context, seconds * 1000);
        }
        if (!"false".equals(attributes.get(QueueAttributes.SQS_MANAGED_SSE_ENABLED))) {
            return new DataKeyRing.Scope(id.accountId(), true, SqsManagedKeys.KEY_NAME, context,
                    MANAGED_REUSE_SECONDS * 1000L);
        }
        return null;
    }

    /**
     * The data key contents arriving in {@code queue} now are sealed with, or null to store them in plain (no
     * encryption).
     *
     * @throws AwsException SQS's KMS error when KMS refuses a new data key
     */
    static DataKeyRing.Key keyFor(EngineContext ctx, Queue queue, long now) {
        DataKeyRing.Scope scope = queue.encryption();
        if (scope == null) {
            return null;
        }
        try {
            return ctx.keyRing().current(resource(queue), scope, now);
        } catch (KmsFailure f) {
            throw SqsErrors.kms(f);
        }
    }

    static String resource(Queue queue) {
        return Long.toString(queue.number());
    }

    /** A stored {@code sqs.bodies} value, opened if it was sealed. */
    static MessageContent decode(EngineContext ctx, byte[] value) {
        if (!DataKeyRing.isSealed(value)) {
            return SqsStoreLayout.decodeContent(value); // written before encryption was on
        }
        try {
            return SqsStoreLayout.decodeContent(ctx.keyRing().open(value, ctx.clock().millis()));
        } catch (KmsFailure f) {
            throw SqsErrors.kms(f);
        }
    }

    /**
     * The {@code sqs.bodies} value for {@code content} (its body given in UTF-8, {@code bodyUtf8}): sealed under
     * {@code key}, or plain when it is null.
     */
    static byte[] encode(DataKeyRing.Key key, MessageContent content, byte[] bodyUtf8) {
        byte[] plain = SqsStoreLayout.encodeContent(content, bodyUtf8);
        return key == null ? plain : key.seal(plain);
    }
}
