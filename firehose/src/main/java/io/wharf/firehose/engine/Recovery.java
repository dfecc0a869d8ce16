package io.wharf.firehose.engine;

import io.wharf.storage.WriteBatch;

import java.util.HashMap;
import java.util.Map;

/**
 * Rebuilds the engine's memory on start: every stream from {@code firehose.streams} (ACTIVE at once if its creation
 * delay has passed), and every buffered record back into its stream's buffer in sequence order, so delivery resumes
 * where the last process stopped. Records whose stream is gone (a crash between writes cannot leave them, but a
 * damaged store might) are deleted.
 */
final class Recovery {
    private Recovery() {
    }

    static void load(FirehoseEngine engine) {
        Map<String, DeliveryStream> byId = new HashMap<>();
        engine.store.scan(engine.streamsSpace, new byte[0], (key, value) -> {
            DeliveryStream s = StreamRecord.decode(value);
            byId.put(s.id, s);
            engine.streams.put(FirehoseEngine.key(s.account, s.region, s.name), s);
        });
        WriteBatch orphans = new WriteBatch();
        engine.store.scan(engine.checkpointsSpace, new byte[0], (key, value) -> {
            String id = new String(key, 0, 16, java.nio.charset.StandardCharsets.US_ASCII);
            DeliveryStream s = byId.get(id);
            if (s == null) {
                orphans.delete(engine.checkpointsSpace, key);
                return;
            }
            s.checkpoints.put(new String(key, 16, key.length - 16, java.nio.charset.StandardCharsets.US_ASCII),
                    new String(value, java.nio.charset.StandardCharsets.US_ASCII));
        });
        engine.store.scan(engine.recordsSpace, new byte[0], (key, value) -> {
            String id = new String(key, 0, 16, java.nio.charset.StandardCharsets.US_ASCII);
            DeliveryStream s = byId.get(id);
            if (s == null) {
                orphans.delete(engine.recordsSpace, key);
                return;
            }
            Delivery.buffer(s, new BufferedRecord(FirehoseStoreLayout.sequenceOf(key),
                    FirehoseStoreLayout.arrivalOf(value), FirehoseStoreLayout.dataOf(value)));
        });
        if (!orphans.isEmpty()) {
            engine.store.commit(orphans);
        }
    }
}
