package io.wharf.sqs;

import io.wharf.protocol.AwsService;
import io.wharf.protocol.Operation;
import io.wharf.protocol.model.ServiceModel;
import io.wharf.storage.Store;

import java.time.Clock;
import java.util.Map;

/** Amazon SQS as an {@link AwsService}. (Placeholder: the engine and operations land next.) */
public final class SqsService implements AwsService, AutoCloseable {
    private final ServiceModel model = ServiceModel.fromClasspath("models/sqs");

    private SqsService() {
    }

    /**
     * @param store   where every state change is written before it is acknowledged
     * @param clock   the time source of every timer (visibility, delays, retention)
     * @param relaxed turn off AWS's waiting periods (QueueDeletedRecently, the 60 s purge interval)
     */
    public static SqsService create(Store store, Clock clock, boolean relaxed) {
        return new SqsService();
    }

    @Override
    public ServiceModel model() {
        return model;
    }

    @Override
    public Map<String, Operation> operations() {
        return Map.of();
    }

    @Override
    public void close() {
    }
}
