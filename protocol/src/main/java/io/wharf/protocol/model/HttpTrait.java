package io.wharf.protocol.model;

/**
 * An operation's {@code http} trait (REST protocols): the method, the request URI template
 * ({@code /{Bucket}/{Key+}?uploads}) and the status of a successful answer.
 *
 * @param method       upper-case HTTP method
 * @param requestUri   the template as the model writes it
 * @param responseCode the status of a success when no {@code statusCode} member says otherwise (200 by default)
 */
public record HttpTrait(String method, String requestUri, int responseCode) {
}
