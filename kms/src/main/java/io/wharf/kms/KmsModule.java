package io.wharf.kms;

import io.wharf.kms.engine.KmsEngine;
import io.wharf.protocol.crypto.DataKeys;
import io.wharf.storage.Store;
import io.wharf.storage.crypto.MasterKey;

import java.time.Clock;

/**
 * What the server takes from this module: the engine, the {@link DataKeys} other services encrypt at rest with, and
 * the KMS API for the gateway.
 * <pre>
 * KmsModule kms = KmsModule.create(store, clock, masterKey, config.region());
 * DataKeys dataKeys = kms.dataKeys();
 * </pre>
 */
public final class KmsModule implements AutoCloseable {
    private final KmsEngine engine;
    private final KmsDataKeys dataKeys;
    private final KmsService service;

    private KmsModule(KmsEngine engine, String region) {
        this.engine = engine;
        this.dataKeys = new KmsDataKeys(engine, region);
        this.service = new KmsService(engine);
    }

    /**
     * Opens KMS on {@code store}, unwrapping every key's material with {@code masterKey}.
     *
     * @param region the region keys given by id or alias name are looked up in for {@link #dataKeys()}
     * @throws MasterKey.WrongKeyException if the store's keys were wrapped by another master key
     */
    public static KmsModule create(Store store, Clock clock, MasterKey masterKey, String region) {
        return new KmsModule(new KmsEngine(store, clock, masterKey), region);
    }

    public KmsEngine engine() {
        return engine;
    }

    /** The KMS API for the gateway. */
    public KmsService service() {
        return service;
    }

    /** Envelope encryption for SQS, SNS and Kinesis. */
    public DataKeys dataKeys() {
        return dataKeys;
    }

    /** Nothing runs in the background and every change was committed before its answer. */
    @Override
    public void close() {
    }
}
