package io.wharf.protocol.rest;

import io.wharf.protocol.model.Member;
import io.wharf.protocol.model.OperationModel;
import io.wharf.protocol.model.ServiceModel;
import io.wharf.protocol.model.Shape;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Picks a REST operation for a request by method, path and query, from the model's {@code http} traits.
 *
 * <p>Several operations share a method and path ({@code PUT /{Bucket}/{Key+}} is PutObject, UploadPart, CopyObject
 * and UploadPartCopy); the most specific fitting one wins, compared in this order:
 * <ol>
 *   <li>the operation {@code x-id} names: newer SDKs add {@code ?x-id=PutObject} (their models write it into the
 *       template; botocore's, which Wharf loads, do not, so it is matched by name here);</li>
 *   <li>more literal query parameters in the template ({@code ?uploads}, {@code ?list-type=2}), counting a matching
 *       {@code x-id};</li>
 *   <li>every required query and header member present (UploadPart needs {@code partNumber} and {@code uploadId});</li>
 *   <li>more required query and header members present (UploadPartCopy over UploadPart);</li>
 *   <li>not deprecated (PutBucketNotificationConfiguration over PutBucketNotification);</li>
 *   <li>no {@code x-id} in the template (for models that write it there).</li>
 * </ol>
 * Nothing fitting is {@link Miss#methodNotAllowed()} when some operation has that path under another method, else
 * not implemented.
 */
public final class RestRouter {
    private record Route(OperationModel operation, UriTemplate template, List<Member> requiredQuery,
                         List<Member> requiredHeaders) {
    }

    /** What routing found. */
    public sealed interface Result permits Match, Miss {
    }

    /** The chosen operation and its decoded URI labels. */
    public record Match(OperationModel operation, Map<String, String> labels) implements Result {
    }

    /** Nothing fits; {@code methodNotAllowed} when the path is some operation's under another method. */
    public record Miss(boolean methodNotAllowed) implements Result {
    }

    private final List<Route> routes = new ArrayList<>();

    public RestRouter(ServiceModel model) {
        for (OperationModel operation : model.operations()) {
            if (operation.http() == null) {
                continue;
            }
            List<Member> query = new ArrayList<>();
            List<Member> headers = new ArrayList<>();
            Shape input = operation.input();
            if (input != null) {
                for (String name : input.required()) {
                    Member member = input.member(name);
                    if (member != null && "querystring".equals(member.location())) {
                        query.add(member);
                    } else if (member != null && "header".equals(member.location())) {
                        headers.add(member);
                    }
                }
            }
            routes.add(new Route(operation, UriTemplate.parse(operation.http().requestUri()), List.copyOf(query),
                    List.copyOf(headers)));
        }
        // Model order is a map's; sort by name so that equal scores resolve the same way on every start.
        routes.sort((a, b) -> a.operation().name().compareTo(b.operation().name()));
    }

    /**
     * The operation for a request, or a {@link Miss}.
     *
     * @param rawPath the path as sent (%-encoded), with a virtual host's bucket already in front
     * @param query   decoded query parameters
     * @param headers lower-case header names
     */
    public Result route(String method, String rawPath, Map<String, List<String>> query, Map<String, String> headers) {
        Route best = null;
        Map<String, String> bestLabels = null;
        int[] bestScore = null;
        for (Route route : routes) {
            if (!route.operation().http().method().equals(method)) {
                continue;
            }
            Map<String, String> labels = route.template().match(rawPath, query);
            if (labels == null) {
                continue;
            }
            int[] score = score(route, query, headers);
            if (bestScore == null || compare(score, bestScore) > 0) {
                best = route;
                bestLabels = labels;
                bestScore = score;
            }
        }
        if (best != null) {
            return new Match(best.operation(), bestLabels);
        }
        for (Route route : routes) {
            if (route.template().pathMatches(rawPath)) {
                return new Miss(true);
            }
        }
        return new Miss(false);
    }

    private static int[] score(Route route, Map<String, List<String>> query, Map<String, String> headers) {
        UriTemplate template = route.template();
        List<String> hint = query.get(UriTemplate.OPERATION_HINT);
        boolean hinted = template.operationHint() != null && hint != null && hint.contains(template.operationHint());
        int present = 0;
        int required = route.requiredQuery().size() + route.requiredHeaders().size();
        for (Member member : route.requiredQuery()) {
            if (query.containsKey(member.wireName())) {
                present++;
            }
        }
        for (Member member : route.requiredHeaders()) {
            if (headers.containsKey(member.wireName().toLowerCase(Locale.ROOT))) {
                present++;
            }
        }
        boolean named = hint != null && hint.contains(route.operation().name());
        return new int[] {named ? 1 : 0, template.queryLiteralCount() + (hinted ? 1 : 0), present == required ? 1 : 0,
                present, route.operation().deprecated() ? 0 : 1, template.operationHint() == null ? 1 : 0};
    }

    private static int compare(int[] a, int[] b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i], b[i]);
            }
        }
        return 0;
    }
}
