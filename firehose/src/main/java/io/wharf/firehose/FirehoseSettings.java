package io.wharf.firehose;

/**
 * The engine's knobs, validated once by the server's configuration.
 *
 * @param transitionMillis how long a delivery stream stays CREATING (and DELETING, and an encryption change
 *                         ENABLING/DISABLING) before it settles, by the engine's clock
 * @param streamLimit      delivery streams per account and region (AWS: 5,000)
 * @param lambdaEndpoints  Lambda function ARN → the URL that stands in for it ({@code --lambda-endpoint ARN=URL}):
 *                         the Lambda processor POSTs AWS's transformation event there
 * @param searchEndpoints  an OpenSearch/Elasticsearch DomainARN, ClusterEndpoint or CollectionEndpoint → the URL its
 *                         {@code _bulk} requests go to instead ({@code --opensearch-endpoint FROM=URL})
 */
public record FirehoseSettings(long transitionMillis, int streamLimit, java.util.Map<String, String> lambdaEndpoints,
                               java.util.Map<String, String> searchEndpoints) {
    public static final long DEFAULT_TRANSITION_MILLIS = 500;
    public static final long MAX_TRANSITION_MILLIS = 600_000;
    public static final int DEFAULT_STREAM_LIMIT = 5_000;

    public FirehoseSettings {
        if (transitionMillis < 0 || transitionMillis > MAX_TRANSITION_MILLIS) {
            throw new IllegalArgumentException("transitionMillis " + transitionMillis);
        }
        if (streamLimit < 1) {
            throw new IllegalArgumentException("streamLimit " + streamLimit);
        }
        lambdaEndpoints = lambdaEndpoints == null ? java.util.Map.of() : java.util.Map.copyOf(lambdaEndpoints);
        searchEndpoints = searchEndpoints == null ? java.util.Map.of() : java.util.Map.copyOf(searchEndpoints);
    }

    public FirehoseSettings(long transitionMillis, int streamLimit, java.util.Map<String, String> lambdaEndpoints) {
        this(transitionMillis, streamLimit, lambdaEndpoints, java.util.Map.of());
    }

    public static FirehoseSettings defaults() {
        return new FirehoseSettings(DEFAULT_TRANSITION_MILLIS, DEFAULT_STREAM_LIMIT, java.util.Map.of());
    }

    public FirehoseSettings withTransitionMillis(long millis) {
        return new FirehoseSettings(millis, streamLimit, lambdaEndpoints, searchEndpoints);
    }

    public FirehoseSettings withLambdaEndpoints(java.util.Map<String, String> endpoints) {
        return new FirehoseSettings(transitionMillis, streamLimit, endpoints, searchEndpoints);
    }

    public FirehoseSettings withSearchEndpoints(java.util.Map<String, String> endpoints) {
        return new FirehoseSettings(transitionMillis, streamLimit, lambdaEndpoints, endpoints);
    }
}
