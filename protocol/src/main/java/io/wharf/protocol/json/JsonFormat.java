package io.wharf.protocol.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.core.util.RecyclerPool;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import io.wharf.protocol.InputLimits;

/**
 * The two encodings of the AWS JSON protocols, chosen by the request's {@code Content-Type}.
 *
 * <ul>
 *   <li>{@link #JSON}: blobs are standard base64 text, timestamps epoch <em>seconds</em> as a plain decimal
 *       number with a millisecond fraction ({@code 1545084650.987}; never exponent notation, which SDKs
 *       reject).</li>
 *   <li>{@link #CBOR}: blobs are CBOR byte strings, timestamps tag 1 followed by an integer of epoch
 *       <em>milliseconds</em> — not RFC 8949's seconds, but what the AWS SDK for Java writes and reads
 *       ({@code SdkCborGenerator.writeValue(Instant)}, kinesis.md §1.3).</li>
 *   <li>{@link #RPC_V2_CBOR}: the Smithy RPC v2 CBOR protocol ({@code application/cbor}, recognised by its path and
 *       {@code smithy-protocol} header, see {@link io.wharf.protocol.rpcv2.RpcV2Cbor}): blobs are byte strings like
 *       {@link #CBOR}'s, but timestamps are tag 1 followed by epoch <em>seconds</em> as the spec says (SDK 2.57.8
 *       sends a float64 with the millisecond fraction).</li>
 * </ul>
 */
public enum JsonFormat {
    JSON(JsonMapper.builder(JsonFactory.builder().streamReadConstraints(Limits.READ)
                    .recyclerPool(Limits.BUFFERS).build())
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE).build()),
    CBOR(cborMapper()),
    RPC_V2_CBOR(cborMapper());

    private static ObjectMapper cborMapper() {
        return new ObjectMapper(CBORFactory.builder().streamReadConstraints(Limits.READ).recyclerPool(Limits.BUFFERS)
                .disable(CBORGenerator.Feature.WRITE_MINIMAL_DOUBLES).build())
                .disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
    }

    /**
     * What one request document may hold: Jackson's defaults (nesting depth 500, number length 1,000 characters)
     * plus a token count ({@link InputLimits#MAX_JSON_TOKENS}), checked as the document is read.
     */
    private static final class Limits {
        static final StreamReadConstraints READ = StreamReadConstraints.builder()
                .maxTokenCount(InputLimits.MAX_JSON_TOKENS).build();

        /**
         * Parsers' and generators' buffers, shared by all threads. Jackson's default pool is per thread, and every
         * request runs on a virtual thread of its own, so the default made new buffers for every document (about a
         * tenth of all the memory a message allocated, measured in docs/benchmarks.md "perf").
         */
        static final RecyclerPool<BufferRecycler> BUFFERS = JsonRecyclerPools.sharedConcurrentDequePool();
    }

    private final ObjectMapper mapper;

    JsonFormat(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** CBOR for {@code application/x-amz-cbor-*}, JSON for everything else. */
    public static JsonFormat of(String mediaType) {
        return mediaType != null && mediaType.startsWith("application/x-amz-cbor") ? CBOR : JSON;
    }

    /** Whether a media type names this family at all (JSON 1.0/1.1 or CBOR 1.1). */
    public static boolean claims(String mediaType) {
        return mediaType != null
                && (mediaType.startsWith("application/x-amz-json") || mediaType.startsWith("application/x-amz-cbor"));
    }

    /** The response content type for a service whose model says {@code jsonVersion}. */
    public String contentType(String jsonVersion) {
        return switch (this) {
            case CBOR -> "application/x-amz-cbor-1.1";
            case RPC_V2_CBOR -> "application/cbor";
            case JSON -> "application/x-amz-json-" + jsonVersion;
        };
    }

    /** Whether a number sent for a timestamp counts milliseconds (CBOR 1.1) rather than seconds (JSON, RPC v2 CBOR). */
    public boolean timestampsInMillis() {
        return this == CBOR;
    }

    public ObjectMapper mapper() {
        return mapper;
    }
}
