package io.wharf.s3.engine;

import io.wharf.protocol.AwsException;
import io.wharf.protocol.wire.RequestBody;
import io.wharf.protocol.wire.WireResponse;
import io.wharf.s3.EventTargets;
import io.wharf.storage.FaultyStore;
import io.wharf.storage.MemoryStore;
import io.wharf.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** An engine on a (faulty) memory store, a manual clock and a temporary object directory; buckets in us-east-1. */
abstract class EngineFixture {
    static final String ACCOUNT = "123456789012";
    static final Requester ME = new Requester("AWS:" + ACCOUNT, "10.0.0.1", "REQ1");

    @TempDir
    Path dir;
    final ManualClock clock = new ManualClock(1_700_000_000_000L);
    final FaultyStore store = new FaultyStore(new MemoryStore());
    final RecordingTargets targets = new RecordingTargets();
    S3Engine engine;

    S3Engine engine() {
        if (engine == null) {
            engine = new S3Engine(store, clock, dir.resolve("s3"), targets);
        }
        return engine;
    }

    @AfterEach
    void closeEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    /** A new engine over the same store and directory, as after a restart. */
    void restart() {
        engine().close();
        store.reset();
        engine = new S3Engine(store, clock, dir.resolve("s3"), targets);
    }

    void bucket(String name) {
        engine().createBucket(ACCOUNT, "us-east-1", name, null);
    }

    static RequestBody body(byte[] bytes) {
        return body(bytes, Map.of());
    }

    static RequestBody body(byte[] bytes, Map<String, String> trailers) {
        return new RequestBody() {
            @Override
            public long length() {
                return bytes.length;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(bytes);
            }

            @Override
            public Map<String, String> trailers() {
                return trailers;
            }
        };
    }

    static PutRequest put(String bucket, String key, byte[] bytes) {
        return new PutRequest(bucket, key, body(bytes), ContentHeaders.NONE, Map.of(), Map.of(), null, null,
                Map.of(), null, null, ME);
    }

    Objects.PutResult put(String bucket, String key, String content) {
        return engine().objects().put(put(bucket, key, content.getBytes(StandardCharsets.UTF_8)));
    }

    /** The object's bytes (or its range) as a GET streams them. */
    byte[] read(String bucket, String key, String range) throws Exception {
        ObjectRead r = engine().objects().read(bucket, key, Preconditions.NONE, range, true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        r.writeTo(new WireResponse.Sink() {
            @Override
            public void write(byte[] chunk) {
                out.writeBytes(chunk);
            }

            @Override
            public boolean open() {
                return true;
            }
        });
        return out.toByteArray();
    }

    String readString(String bucket, String key) throws Exception {
        return new String(read(bucket, key, null), StandardCharsets.UTF_8);
    }

    static AwsException error(Runnable call) {
        AwsException e = catchThrowableOfType(AwsException.class, call::run);
        assertThat(e).as("an AwsException").isNotNull();
        return e;
    }

    static String code(Runnable call) {
        return error(call).code();
    }

    /** Event targets that keep what they were sent; {@code refuse} makes them refuse (permanently). */
    static final class RecordingTargets implements EventTargets {
        final List<String[]> sent = new CopyOnWriteArrayList<>();
        volatile boolean refuse;

        @Override
        public void toQueue(String queueArn, String bucketArn, String message) {
            if (refuse) {
                throw new DeliveryException("AccessDenied", true);
            }
            sent.add(new String[]{queueArn, bucketArn, message});
        }

        @Override
        public void toTopic(String topicArn, String bucketArn, String subject, String message) {
            if (refuse) {
                throw new DeliveryException("AccessDenied", true);
            }
            sent.add(new String[]{topicArn, bucketArn, message});
        }
    }
}
