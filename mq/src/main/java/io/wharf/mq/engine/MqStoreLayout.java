package io.wharf.mq.engine;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.storage.KeySpace;
import io.wharf.storage.Store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * What Amazon MQ keeps in the store. Two key spaces; every value is a UTF-8 JSON document with a {@code "v": 1}
 * version and the fields of the engine's state class ({@link Broker}, {@link Configuration}), transient fields left out:
 * <pre>
 * mq.brokers         broker id (b-uuid, UTF-8) → {"v":1, "broker": {id, name, arn, account, region, createdMillis,
 *                    engineType, engineVersion, deploymentMode, hostInstanceType, publiclyAccessible, …, state, tags,
 *                    users: {name → {username, applied, password, consoleAccess, groups, replicationUser,
 *                    pendingChange, pendingPassword, …}}, ports: {transport → port}}}
 * mq.configurations  configuration id (c-uuid, UTF-8) → {"v":1, "configuration": {id, arn, account, region, name,
 *                    engineType, engineVersion, authenticationStrategy, createdMillis, tags,
 *                    revisions: [{revision, createdMillis, description, data (base64)}]}}
 * </pre>
 * JSON rather than a packed record: MQ's objects have many optional members and change rarely (administration
 * calls, a few per minute), so readability and room to grow beat compactness. Users' passwords are in the broker
 * record because the runtime needs them at every start; the store's files are owner-only ({@code OwnerOnly}). A
 * whole record is rewritten on every change.
 */
final class MqStoreLayout {
    static final int VERSION = 1;
    static final String BROKERS = "mq.brokers";
    static final String CONFIGURATIONS = "mq.configurations";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    final KeySpace brokers;
    final KeySpace configurations;

    MqStoreLayout(Store store) {
        this.brokers = store.keySpace(BROKERS);
        this.configurations = store.keySpace(CONFIGURATIONS);
    }

    static byte[] key(String id) {
        return id.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] encode(Broker broker) {
        return write("broker", broker);
    }

    static byte[] encode(Configuration configuration) {
        return write("configuration", configuration);
    }

    static Broker decodeBroker(byte[] value) {
        return read(value, "broker", Broker.class);
    }

    static Configuration decodeConfiguration(byte[] value) {
        return read(value, "configuration", Configuration.class);
    }

    private static byte[] write(String field, Object value) {
        ObjectNode document = MAPPER.createObjectNode();
        document.put("v", VERSION);
        document.set(field, MAPPER.valueToTree(value));
        try {
            return MAPPER.writeValueAsBytes(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T read(byte[] value, String field, Class<T> type) {
        try {
            ObjectNode document = (ObjectNode) MAPPER.readTree(value);
            int version = document.path("v").asInt(-1);
            if (version != VERSION) {
                throw new IllegalStateException("mq " + field + " record of unknown version " + version);
            }
            return MAPPER.treeToValue(document.get(field), type);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable mq " + field + " record", e);
        }
    }
}
