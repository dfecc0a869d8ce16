package io.wharf.protocol;

import io.wharf.protocol.json.JsonEncoder;
import io.wharf.protocol.json.JsonFormat;
import io.wharf.protocol.wire.WireRequest;
import io.wharf.protocol.wire.WireResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The one answer for a request meant for a service Wharf does not serve — recognised by its SigV4 credential scope,
 * its {@code X-Amz-Target} prefix, its RPC v2 CBOR path or, for an unsigned request, an AWS endpoint host name
 * ({@code <service>.<region>.amazonaws.com}, {@code <service>.amazonaws.com}, {@code .api.aws}, {@code .amazonaws.com.cn},
 * {@code -fips} names) — instead of another service's error: {@code 501
 * NotImplemented} (a status no AWS SDK retries), in the request's protocol, naming the service asked for and the
 * ones served. Each unserved service is logged at WARN the first time and every thousandth time after that.
 */
final class UnservedServices {
    private static final Logger LOG = LoggerFactory.getLogger(UnservedServices.class);
    static final String CODE = "NotImplemented";

    /** An AWS region's shape: {@code us-east-1}, {@code us-gov-west-1}, {@code ap-southeast-4}. */
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
    /** A DNS label an endpoint prefix can be. */
    private static final Pattern LABEL = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final List<String> AWS_DOMAINS = List.of(".amazonaws.com.cn", ".amazonaws.com", ".api.aws");

    private final Set<String> signingNames = new TreeSet<>();
    private final Set<String> endpointPrefixes = new TreeSet<>();
    private final String served;
    private final ConcurrentHashMap<String, AtomicLong> seen = new ConcurrentHashMap<>();

    UnservedServices(List<AwsService> services) {
        Set<String> names = new TreeSet<>();
        for (AwsService service : services) {
            signingNames.add(service.model().signingName());
            names.add(service.model().endpointPrefix());
        }
        endpointPrefixes.addAll(names);
        served = String.join(", ", names);
    }

    /** Whether some service signs with this name (the scope's service part). */
    boolean serves(String signingName) {
        return signingNames.contains(signingName);
    }

    /**
     * The service an AWS endpoint host name names when Wharf does not serve it, else null: {@code lambda} for
     * {@code lambda.us-east-1.amazonaws.com}, {@code iam.amazonaws.com} gives {@code iam} (served: null). Only AWS's
     * own domains count: {@code <bucket>.localhost} and Wharf's {@code --hostname} are S3 virtual hosts, and
     * {@code <bucket>.s3.<region>.amazonaws.com} has more labels than an endpoint name, so a bucket is never taken for
     * a service.
     */
    String unservedHost(String hostHeader) {
        if (hostHeader == null) {
            return null;
        }
        String host = hostHeader.trim().toLowerCase(Locale.ROOT);
        int colon = host.lastIndexOf(':');
        if (colon >= 0 && !host.startsWith("[")) {
            host = host.substring(0, colon);
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        for (String domain : AWS_DOMAINS) {
            if (!host.endsWith(domain)) {
                continue;
            }
            String[] labels = host.substring(0, host.length() - domain.length()).split("\\.", -1);
            boolean endpointName = labels.length == 1 || labels.length == 2 && REGION.matcher(labels[1]).matches();
            if (!endpointName || !LABEL.matcher(labels[0]).matches()) {
                return null;
            }
            String prefix = labels[0].endsWith("-fips") ? labels[0].substring(0, labels[0].length() - 5) : labels[0];
            return endpointPrefixes.contains(prefix) ? null : prefix;
        }
        return null;
    }

    /** The error for a request naming {@code service} through {@code how}; logged. */
    AwsException error(String service, String how) {
        String name = service.length() > 64 ? service.substring(0, 64) + "…" : service;
        long count = seen.computeIfAbsent(seen.size() < 1_000 ? name : "(other)", k -> new AtomicLong())
                .incrementAndGet();
        if (count % 1_000 == 1) {
            LOG.warn("a request for '{}' (named by {}), which Wharf does not serve ({} so far)", name, how, count);
        }
        return new AwsException(CODE, 501, false, "Wharf does not serve '" + name + "' (named by " + how
                + "). It serves: " + served + ".");
    }

    /**
     * Whether an unsigned-protocol guess says AWS Query: a form body or an {@code Action} parameter. Everything else
     * that is neither JSON nor RPC v2 CBOR is taken for a REST service.
     */
    static boolean looksLikeQuery(WireRequest request) {
        return request.firstQuery("Action") != null
                || request.mediaType().equals("application/x-www-form-urlencoded");
    }

    /**
     * The error as the REST-JSON protocol writes it ({@code x-amzn-ErrorType} and a JSON body with the message), which
     * is what the REST services Wharf lacks (Lambda, API Gateway, MQ …) speak; a REST-XML client reads the status.
     */
    WireResponse restJson(AwsException error, String requestId) {
        return WireResponse.of(error.httpStatus(), "application/json",
                        JsonEncoder.error(error.code(), error.getMessage(), JsonFormat.JSON))
                .withHeader("x-amzn-ErrorType", error.code())
                .withHeader("x-amzn-RequestId", requestId);
    }
}
