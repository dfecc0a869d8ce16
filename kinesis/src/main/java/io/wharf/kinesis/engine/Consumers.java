package io.wharf.kinesis.engine;

import io.wharf.kinesis.KinesisErrors;
import io.wharf.storage.WriteBatch;

import java.util.Map;

/** Enhanced fan-out consumer registration rules (kinesis.md §2.12). Called under the engine's control lock. */
final class Consumers {
    private Consumers() {
    }

    static ConsumerView register(KinesisEngine engine, Stream s, String name, Map<String, String> tags, long now,
                                 WriteBatch batch) {
        StreamStatus status = s.status(now);
        if (status == StreamStatus.CREATING || status == StreamStatus.DELETING) {
            throw KinesisErrors.streamInUse(s.ref.name(), s.ref.account(), status.name());
        }
        s.consumers.values().removeIf(c -> c.gone(now));
        if (s.consumers.containsKey(name)) {
            throw KinesisErrors.RESOURCE_IN_USE.error("Consumer " + name + " under stream " + s.ref.name()
                    + " already exists for account " + s.ref.account() + ".");
        }
        if (s.consumers.size() >= KinesisEngine.MAX_CONSUMERS) {
            throw KinesisErrors.LIMIT_EXCEEDED.error("Consumer limit of " + KinesisEngine.MAX_CONSUMERS
                    + " has been reached for stream " + s.ref.name() + " under account " + s.ref.account() + ".");
        }
        long delay = engine.settings.transitionMillis();
        Consumer c = new Consumer(name, s.consumerArn(name, now), now,
                delay == 0 ? StreamStatus.ACTIVE : StreamStatus.CREATING, now + delay);
        c.tags.putAll(tags);
        s.consumers.put(name, c);
        engine.persist(s, batch);
        return c.view(s.ref.arn(), now);
    }

    /** The consumer named by a ConsumerARN, or by StreamARN + ConsumerName. */
    static Resource resolve(String streamArn, String name, String consumerArn) {
        if (consumerArn != null) {
            Resource r = Resource.parse(consumerArn);
            if (r.consumer() == null || (name != null && !name.equals(r.consumer()))
                    || (streamArn != null && !StreamRef.parseArn(streamArn).equals(r.stream()))) {
                throw KinesisErrors.INVALID_ARGUMENT.error("ConsumerARN " + consumerArn
                        + " does not match the given StreamARN and ConsumerName.");
            }
            return r;
        }
        if (streamArn == null || name == null) {
            throw KinesisErrors.INVALID_ARGUMENT.error("Either ConsumerARN or both StreamARN and ConsumerName "
                    + "must be provided.");
        }
        return new Resource(StreamRef.parseArn(streamArn), name, null);
    }

    static Consumer find(Stream s, Resource r, long now) {
        Consumer c = s.consumers.get(r.consumer());
        if (c == null || c.gone(now) || (r.consumerArn() != null && !r.consumerArn().equals(c.arn))) {
            throw KinesisErrors.RESOURCE_NOT_FOUND.error("Consumer " + (r.consumerArn() != null ? r.consumerArn()
                    : r.consumer()) + " under stream " + s.ref.name() + " not found for account " + s.ref.account() + ".");
        }
        return c;
    }
}
