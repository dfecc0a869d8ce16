package io.wharf.protocol;

import io.wharf.protocol.json.JsonEncoder;
import io.wharf.protocol.json.JsonFormat;
import io.wharf.protocol.wire.WireRequest;
import io.wharf.protocol.wire.WireResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one answer for a request meant for a service Wharf does not serve — recognised by its SigV4 credential scope,
 * its {@code X-Amz-Target} prefix or its RPC v2 CBOR path — instead of another service's error: {@code 501
 * NotImplemented} (a status no AWS SDK retries), in the request's protocol, naming the service asked for and the
 * ones served. Each unserved service is logged at WARN the first time and every thousandth time after that.
 */
final class UnservedServices {
    private static final Logger LOG = LoggerFactory.getLogger(UnservedServices.class);
    static final String CODE = "NotImplemented";

    private final Set<String> signingNames = new TreeSet<>();
    private final String served;
    private final ConcurrentHashMap<String, AtomicLong> seen = new ConcurrentHashMap<>();

    UnservedServices(List<AwsService> services) {
        Set<String> names = new TreeSet<>();
        for (AwsService service : services) {
            signingNames.add(service.model().signingName());
            names.add(service.model().endpointPrefix());
        }
        served = String.join(", ", names);
    }

    /** Whether some service signs with this name (the scope's service part). */
    boolean serves(String signingName) {
        return signingNames.contains(signingName);
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
