package io.wharf.server.http;

import io.netty.handler.codec.http.HttpRequest;

import java.nio.file.Path;

/**
 * A request whose body {@link SpoolHandler} wrote to {@code file} instead of memory: what travels from it to the
 * {@link RequestDispatcher} in place of the request's HTTP objects. Whoever holds one owns the file (deletes it when
 * done, {@link BodySpool#delete}).
 *
 * @param head   the request line and headers (no body)
 * @param file   the body exactly as received
 * @param length its size in bytes
 */
record SpooledRequest(HttpRequest head, Path file, long length) {
}
