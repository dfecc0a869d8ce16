package io.wharf.firehose.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;

/** A stream's metadata as stored in {@code firehose.streams} (JSON, see {@link FirehoseStoreLayout}). */
final class StreamRecord {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StreamRecord() {
    }

    static byte[] encode(DeliveryStream s) {
        ObjectNode out = JSON.createObjectNode();
        out.put("id", s.id).put("name", s.name).put("account", s.account).put("region", s.region)
                .put("type", s.type).put("created", s.createdMillis).put("activeAt", s.activeAtMillis)
                .put("version", s.version).put("lastUpdate", s.lastUpdateMillis)
                .put("destinationMember", s.destinationMember);
        out.set("destination", s.destination);
        if (s.sourceMember != null) {
            out.put("sourceMember", s.sourceMember);
            out.set("source", s.source);
        }
        if (s.encryption != null) {
            out.putObject("encryption").put("keyType", s.encryption.keyType()).put("keyArn", s.encryption.keyArn())
                    .put("enabled", s.encryption.enabled()).put("since", s.encryption.since());
        }
        ObjectNode tags = out.putObject("tags");
        s.tags.forEach(tags::put);
        try {
            return JSON.writeValueAsBytes(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DeliveryStream decode(byte[] value) {
        try {
            JsonNode in = JSON.readTree(value);
            DeliveryStream s = new DeliveryStream(in.get("id").asText(), in.get("name").asText(),
                    in.get("account").asText(), in.get("region").asText(), in.get("type").asText(),
                    in.get("created").asLong());
            s.activeAtMillis = in.get("activeAt").asLong();
            s.version = in.get("version").asInt();
            s.lastUpdateMillis = in.get("lastUpdate").asLong();
            s.destinationMember = in.get("destinationMember").asText();
            s.destination = (ObjectNode) in.get("destination");
            if (in.hasNonNull("sourceMember")) {
                s.sourceMember = in.get("sourceMember").asText();
                s.source = (ObjectNode) in.get("source");
            }
            JsonNode enc = in.get("encryption");
            if (enc != null && !enc.isNull()) {
                s.encryption = new DeliveryStream.Encryption(enc.get("keyType").asText(),
                        enc.hasNonNull("keyArn") ? enc.get("keyArn").asText() : null, enc.get("enabled").asBoolean(),
                        enc.get("since").asLong());
            }
            in.get("tags").fields().forEachRemaining(e -> s.tags.put(e.getKey(), e.getValue().asText()));
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
