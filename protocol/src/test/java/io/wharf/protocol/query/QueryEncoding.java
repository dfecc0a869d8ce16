package io.wharf.protocol.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.protocol.model.OperationModel;

import java.util.Map;

/** The test-only reference Query encoder, for tests outside this package (the Query fuzz target's round trip). */
public final class QueryEncoding {
    private QueryEncoding() {
    }

    public static Map<String, String> encode(OperationModel operation, String apiVersion, JsonNode tree) {
        return ReferenceQueryEncoder.encode(operation, apiVersion, tree);
    }
}
