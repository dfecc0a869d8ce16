package io.wharf.protocol;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.wharf.protocol.auth.AuthException;
import io.wharf.protocol.auth.AuthMode;
import io.wharf.protocol.auth.CredentialStore;
import io.wharf.protocol.auth.Principal;
import io.wharf.protocol.auth.RequestAuthenticator;
import io.wharf.protocol.auth.SigV4Verifier;
import io.wharf.protocol.rest.Percent;
import io.wharf.protocol.wire.WireRequest;
import io.wharf.protocol.wire.WireResponse;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A stand-in front door for the protocol's tests: the JDK's HTTP server on an ephemeral loopback port, handing each
 * request to a {@link Gateway} as a {@link WireRequest} and writing the {@link WireResponse} back as the real front door
 * frames it (a stream with Content-Length written piece by piece; HEAD with its Content-Length and no body).
 */
public final class JdkHttpBridge implements AutoCloseable {
    private final HttpServer server;

    public JdkHttpBridge(Gateway gateway) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                answer(exchange, gateway.handle(toWire(exchange)));
            } catch (RuntimeException | InterruptedException e) {
                exchange.sendResponseHeaders(599, -1);
            }
        });
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static WireRequest toWire(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        String rawPath = uri.getRawPath();
        String rawQuery = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        byte[] body = exchange.getRequestBody().readAllBytes();
        WireRequest parsed = request(exchange.getRequestMethod(),
                rawPath + (rawQuery.isEmpty() ? "" : "?" + rawQuery), body);
        return new WireRequest(parsed.method(), parsed.path(), parsed.query(), headers, body, parsed.origin());
    }

    private static void answer(HttpExchange exchange, WireResponse response) throws IOException, InterruptedException {
        String length = null;
        for (Map.Entry<String, String> header : response.headers().entrySet()) {
            if (header.getKey().equalsIgnoreCase("Content-Length")) {
                length = header.getValue();
            } else {
                exchange.getResponseHeaders().add(header.getKey(), header.getValue());
            }
        }
        if (exchange.getRequestMethod().equals("HEAD")) {
            if (length != null) {
                exchange.getResponseHeaders().add("Content-Length", length);
            }
            exchange.sendResponseHeaders(response.status(), -1);
            return;
        }
        if (response.stream() != null) {
            exchange.sendResponseHeaders(response.status(), Long.parseLong(length));
            OutputStream out = exchange.getResponseBody();
            response.stream().writeTo(new WireResponse.Sink() {
                @Override
                public void write(byte[] chunk) throws IOException {
                    out.write(chunk);
                    out.flush();
                }

                @Override
                public boolean open() {
                    return true;
                }
            });
            return;
        }
        exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
        if (response.body().length > 0) {
            exchange.getResponseBody().write(response.body());
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }


    /** A request as the front door hands it on, from a raw URI ({@code host} is {@code localhost:4566}). */
    public static WireRequest request(String method, String rawUri, byte[] body, String... headers) {
        int question = rawUri.indexOf('?');
        String rawPath = question < 0 ? rawUri : rawUri.substring(0, question);
        String rawQuery = question < 0 ? "" : rawUri.substring(question + 1);
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (!pair.isEmpty()) {
                int equals = pair.indexOf('=');
                String name = java.net.URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals),
                        StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : java.net.URLDecoder.decode(pair.substring(equals + 1),
                        StandardCharsets.UTF_8);
                query.computeIfAbsent(name, n -> new java.util.ArrayList<>()).add(value);
            }
        }
        Map<String, String> map = new LinkedHashMap<>();
        map.put("host", "localhost:4566");
        for (int i = 0; i < headers.length; i += 2) {
            map.put(headers[i].toLowerCase(java.util.Locale.ROOT), headers[i + 1]);
        }
        return new WireRequest(method, Percent.decode(rawPath), query, map, body,
                new WireRequest.Origin(rawPath, rawQuery, "127.0.0.1", false));
    }

    /**
     * A bridge to a gateway over {@code service} that verifies SigV4 signatures (account {@code 123456789012},
     * {@code us-east-1}) for one key pair, whose principal is the account's root.
     */
    public static JdkHttpBridge verifying(AwsService service, String accessKeyId, String secret) throws IOException {
        CredentialStore store = new CredentialStore() {
            @Override
            public SigningIdentity find(String keyId, String sessionToken, Instant now) {
                if (!keyId.equals(accessKeyId)) {
                    throw AuthException.invalidClientToken();
                }
                return new SigningIdentity(secret, Principal.root("123456789012", accessKeyId));
            }

            @Override
            public Principal knownPrincipal(String keyId, String sessionToken, Instant now) {
                return null;
            }
        };
        Clock clock = Clock.systemUTC();
        return new JdkHttpBridge(new ServiceGateway(List.of(service), new GatewaySettings("123456789012", "us-east-1",
                null, new RequestAuthenticator(AuthMode.VERIFY, store, new SigV4Verifier(clock), "123456789012",
                "us-east-1", clock), null, null, clock)));
    }
}
