package io.wharf.server.config;

import io.wharf.firehose.FirehoseSettings;
import io.wharf.firehose.ObjectSink;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Firehose's part of the configuration.
 *
 * @param transitionMillis how long a delivery stream stays CREATING ({@code --firehose-transition-ms})
 * @param lambdaEndpoints  Lambda function ARN → the URL standing in for it ({@code --lambda-endpoint ARN=URL})
 * @param sink             where delivered objects go instead of the server's default (embedding, tests); null = the
 *                         default
 * @param searchEndpoints  OpenSearch DomainARN/ClusterEndpoint/CollectionEndpoint → the URL standing in for it
 *                         ({@code --opensearch-endpoint FROM=URL})
 * @param externalS3       the S3 endpoint objects go to instead of Wharf's own ({@code --firehose-s3-endpoint} and its
 *                         key); null = Wharf's own S3. {@code sink} wins over it
 */
public record FirehoseOptions(long transitionMillis, Map<String, String> lambdaEndpoints, ObjectSink sink,
                              Map<String, String> searchEndpoints, ExternalS3 externalS3) {
    public static final FirehoseOptions DEFAULTS = new FirehoseOptions(FirehoseSettings.DEFAULT_TRANSITION_MILLIS,
            Map.of(), null);
    private static final Pattern LAMBDA_ARN = Pattern.compile("arn:aws[a-z-]*:lambda:[a-z0-9-]+:\\d{12}:function:"
            + "[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?");

    public FirehoseOptions {
        if (transitionMillis < 0 || transitionMillis > FirehoseSettings.MAX_TRANSITION_MILLIS) {
            throw new ConfigException(Setting.FIREHOSE_TRANSITION_MS, Long.toString(transitionMillis),
                    "expected 0-" + FirehoseSettings.MAX_TRANSITION_MILLIS + " milliseconds");
        }
        lambdaEndpoints = lambdaEndpoints == null ? Map.of() : Map.copyOf(lambdaEndpoints);
        searchEndpoints = searchEndpoints == null ? Map.of() : Map.copyOf(searchEndpoints);
    }

    public FirehoseOptions(long transitionMillis, Map<String, String> lambdaEndpoints, ObjectSink sink) {
        this(transitionMillis, lambdaEndpoints, sink, Map.of());
    }

    public FirehoseOptions(long transitionMillis, Map<String, String> lambdaEndpoints, ObjectSink sink,
                           Map<String, String> searchEndpoints) {
        this(transitionMillis, lambdaEndpoints, sink, searchEndpoints, null);
    }

    public FirehoseOptions withExternalS3(ExternalS3 value) {
        return new FirehoseOptions(transitionMillis, lambdaEndpoints, sink, searchEndpoints, value);
    }

    public FirehoseOptions withTransitionMillis(long millis) {
        return new FirehoseOptions(millis, lambdaEndpoints, sink, searchEndpoints, externalS3);
    }

    public FirehoseOptions withSink(ObjectSink value) {
        return new FirehoseOptions(transitionMillis, lambdaEndpoints, value, searchEndpoints, externalS3);
    }

    /** {@code ARN=URL} pairs, each checked: a Lambda function ARN and an absolute http(s) URL. */
    public FirehoseOptions withLambdaEndpoints(List<String> pairs) {
        Map<String, String> endpoints = new LinkedHashMap<>();
        for (String pair : pairs == null ? List.<String>of() : pairs) {
            String entry = pair.strip();
            int equals = entry.indexOf('=');
            String arn = equals < 0 ? entry : entry.substring(0, equals);
            String url = equals < 0 ? "" : entry.substring(equals + 1);
            if (!LAMBDA_ARN.matcher(arn).matches()) {
                throw new ConfigException(Setting.LAMBDA_ENDPOINTS, entry,
                        "expected ARN=URL with a Lambda function ARN (arn:aws:lambda:<region>:<account>:function:<name>)");
            }
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                uri = null;
            }
            if (uri == null || uri.getHost() == null
                    || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new ConfigException(Setting.LAMBDA_ENDPOINTS, entry, "expected ARN=URL with an http(s) URL");
            }
            endpoints.put(arn, url);
        }
        return new FirehoseOptions(transitionMillis, endpoints, sink, searchEndpoints, externalS3);
    }

    /**
     * {@code FROM=URL} pairs, each checked: FROM an OpenSearch DomainARN or an https ClusterEndpoint/CollectionEndpoint
     * (what the model accepts), URL an absolute http(s) URL.
     */
    public FirehoseOptions withSearchEndpoints(List<String> pairs) {
        Map<String, String> endpoints = new LinkedHashMap<>();
        for (String pair : pairs == null ? List.<String>of() : pairs) {
            String entry = pair.strip();
            int equals = entry.indexOf('=');
            String from = equals < 0 ? "" : entry.substring(0, equals);
            String url = equals < 0 ? "" : entry.substring(equals + 1);
            if (from.isEmpty() || !(from.startsWith("arn:") || from.startsWith("https:"))) {
                throw new ConfigException(Setting.OPENSEARCH_ENDPOINTS, entry,
                        "expected FROM=URL with FROM a DomainARN or an https ClusterEndpoint/CollectionEndpoint");
            }
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                uri = null;
            }
            if (uri == null || uri.getHost() == null
                    || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new ConfigException(Setting.OPENSEARCH_ENDPOINTS, entry, "expected FROM=URL with an http(s) URL");
            }
            endpoints.put(from, url);
        }
        return new FirehoseOptions(transitionMillis, lambdaEndpoints, sink, endpoints, externalS3);
    }

    /** The engine's settings. */
    public FirehoseSettings settings() {
        return FirehoseSettings.defaults().withTransitionMillis(transitionMillis).withLambdaEndpoints(lambdaEndpoints)
                .withSearchEndpoints(searchEndpoints);
    }
}
