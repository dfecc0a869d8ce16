package io.wharf.it.auth;

import io.wharf.testkit.Clients;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A hand-made request, signed (or presigned) by the AWS SDK's own SigV4 signer, then optionally tampered with, and
 * sent over a plain socket exactly as built — the {@code Host} header included, which {@code java.net.http} refuses to
 * set. For the wire cases no SDK client produces: Query over a form POST, presigned GETs, forged headers, a body
 * changed after signing, a clock far off.
 */
final class HandSigned {
    private final URI endpoint;
    private String method = "POST";
    private String path = "/";
    private String query;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private byte[] body = new byte[0];

    private String accessKeyId = Clients.ACCESS_KEY_ID;
    private String secret = Clients.SECRET;
    private String sessionToken;
    private String region = "us-east-1";
    private String service;
    private Instant signingTime;
    private String localAddress;

    private HandSigned(URI endpoint, String service) {
        this.endpoint = endpoint;
        this.service = service;
    }

    /** A Query request: the parameters form-encoded in a POST body to {@code path}. */
    static HandSigned form(URI endpoint, String service, String path, Map<String, String> parameters) {
        HandSigned request = new HandSigned(endpoint, service);
        request.path = path;
        request.headers.put("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
        request.body = encode(parameters).getBytes(StandardCharsets.UTF_8);
        return request;
    }

    /** A Query request as a GET, the parameters in the query string (what presigned URLs are). */
    static HandSigned get(URI endpoint, String service, String path, Map<String, String> parameters) {
        HandSigned request = new HandSigned(endpoint, service);
        request.method = "GET";
        request.path = path;
        request.query = encode(parameters);
        return request;
    }

    /** A JSON-protocol request ({@code X-Amz-Target}), e.g. SQS's {@code AmazonSQS.ListQueues}. */
    static HandSigned json(URI endpoint, String service, String target, String contentType, String json) {
        return json(endpoint, service, target, contentType, json.getBytes(StandardCharsets.UTF_8));
    }

    /** The same with a binary body (CBOR). */
    static HandSigned json(URI endpoint, String service, String target, String contentType, byte[] content) {
        HandSigned request = new HandSigned(endpoint, service);
        request.headers.put("Content-Type", contentType);
        request.headers.put("X-Amz-Target", target);
        request.body = content.clone();
        return request;
    }

    HandSigned body(byte[] content) {
        this.body = content.clone();
        return this;
    }

    HandSigned key(String id, String secretKey) {
        this.accessKeyId = id;
        this.secret = secretKey;
        return this;
    }

    HandSigned session(String id, String secretKey, String token) {
        this.accessKeyId = id;
        this.secret = secretKey;
        this.sessionToken = token;
        return this;
    }

    HandSigned secret(String secretKey) {
        this.secret = secretKey;
        return this;
    }

    HandSigned region(String signingRegion) {
        this.region = signingRegion;
        return this;
    }

    HandSigned service(String signingName) {
        this.service = signingName;
        return this;
    }

    /** Sign as if the signer's clock read {@code now + offset}. */
    HandSigned signedAt(Duration offset) {
        this.signingTime = Instant.now().plus(offset);
        return this;
    }

    /** Connect from this local address (any of 127.0.0.0/8 works on Linux), to be another client address. */
    HandSigned from(String address) {
        this.localAddress = address;
        return this;
    }

    HandSigned header(String name, String value) {
        headers.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
        if (value != null) {
            headers.put(name, value);
        }
        return this;
    }

    String header(String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    HandSigned body(String text) {
        this.body = text.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    String body() {
        return new String(body, StandardCharsets.UTF_8);
    }

    String query() {
        return query;
    }

    HandSigned query(String rawQuery) {
        this.query = rawQuery;
        return this;
    }

    /** Signs in the {@code Authorization} header (with {@code X-Amz-Date}, and the token when there is one). */
    HandSigned sign() {
        return sign(false, null);
    }

    /** Signs in the query string ({@code X-Amz-Algorithm}, {@code X-Amz-Credential}, …), valid for {@code expires}. */
    HandSigned presign(Duration expires) {
        return sign(true, expires);
    }

    private HandSigned sign(boolean presigned, Duration expires) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method))
                .uri(URI.create(url()));
        headers.forEach(request::putHeader);
        AwsCredentialsIdentity identity = sessionToken == null ? AwsCredentialsIdentity.create(accessKeyId, secret)
                : AwsSessionCredentialsIdentity.create(accessKeyId, secret, sessionToken);
        Clock clock = signingTime == null ? Clock.systemUTC() : Clock.fixed(signingTime, ZoneOffset.UTC);
        SignedRequest signed = AwsV4HttpSigner.create().sign(b -> {
            b.identity(identity)
                    .request(request.build())
                    .payload(body.length == 0 ? null : ContentStreamProvider.fromByteArray(body))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                    .putProperty(HttpSigner.SIGNING_CLOCK, clock);
            if (presigned) {
                b.putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, expires);
            }
        });
        SdkHttpRequest result = signed.request();
        headers.clear();
        result.forEachHeader((name, values) -> headers.put(name, String.join(",", values)));
        query = result.getUri().getRawQuery();
        return this;
    }

    /** Replaces text in the {@code Authorization} header after signing (e.g. the scope's region). */
    HandSigned tamperAuthorization(String from, String to) {
        String authorization = header("Authorization");
        if (authorization == null || !authorization.contains(from)) {
            throw new IllegalStateException("no '" + from + "' in " + authorization);
        }
        return header("Authorization", authorization.replace(from, to));
    }

    /** The URL the request goes to (scheme, host and port of the endpoint). */
    String url() {
        return endpoint.getScheme() + "://" + endpoint.getHost() + ":" + endpoint.getPort() + path
                + (query == null || query.isEmpty() ? "" : "?" + query);
    }

    /** Sends the request as built over one HTTP/1.1 connection, {@code Host} as set or else the endpoint's. */
    Answer send() {
        try (Socket socket = localAddress == null ? new Socket(endpoint.getHost(), endpoint.getPort())
                : new Socket(endpoint.getHost(), endpoint.getPort(), java.net.InetAddress.getByName(localAddress), 0)) {
            socket.setSoTimeout(30_000);
            StringBuilder head = new StringBuilder();
            head.append(method).append(' ').append(path)
                    .append(query == null || query.isEmpty() ? "" : "?" + query).append(" HTTP/1.1\r\n");
            if (header("Host") == null) {
                head.append("Host: ").append(endpoint.getHost()).append(':').append(endpoint.getPort()).append("\r\n");
            }
            headers.forEach((name, value) -> {
                if (!name.equalsIgnoreCase("Content-Length") && !name.equalsIgnoreCase("Connection")) {
                    head.append(name).append(": ").append(value).append("\r\n");
                }
            });
            if (body.length > 0 || method.equals("POST")) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("Connection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            out.write(body);
            out.flush();
            return Answer.read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String encode(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }

    /** An HTTP answer: status, headers (lower-case names), body; with AWS's error fields of both families. */
    record Answer(int status, Map<String, String> headers, byte[] raw) {
        private static final Pattern XML_CODE = Pattern.compile("<Code>(.*?)</Code>", Pattern.DOTALL);
        private static final Pattern XML_MESSAGE = Pattern.compile("<Message>(.*?)</Message>", Pattern.DOTALL);

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String body() {
            return new String(raw, StandardCharsets.UTF_8);
        }

        /** The body as a tree: JSON, or CBOR when the answer says so. */
        com.fasterxml.jackson.databind.JsonNode tree() {
            try {
                String type = headers.getOrDefault("content-type", "");
                com.fasterxml.jackson.databind.ObjectMapper mapper = type.contains("cbor")
                        ? new com.fasterxml.jackson.databind.ObjectMapper(
                                new com.fasterxml.jackson.dataformat.cbor.CBORFactory())
                        : new com.fasterxml.jackson.databind.ObjectMapper();
                return mapper.readTree(raw);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON/CBOR: " + body(), e);
            }
        }

        /** The Query family's {@code <Code>}. */
        String code() {
            return first(XML_CODE);
        }

        /** The Query family's {@code <Message>}, XML entities undone. */
        String message() {
            String text = first(XML_MESSAGE);
            return text == null ? null : text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                    .replace("&apos;", "'").replace("&#39;", "'").replace("&amp;", "&");
        }

        /** The {@code __type} of a JSON error. */
        String jsonType() {
            return jsonField("__type");
        }

        String jsonMessage() {
            String message = jsonField("message");
            return message != null ? message : jsonField("Message");
        }

        private String jsonField(String name) {
            com.fasterxml.jackson.databind.JsonNode node = tree();
            return node.hasNonNull(name) ? node.get(name).asText() : null;
        }

        private String first(Pattern pattern) {
            Matcher m = pattern.matcher(body());
            return m.find() ? m.group(1) : null;
        }

        static Answer read(InputStream in) throws IOException {
            byte[] all = in.readAllBytes();
            String text = new String(all, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (end < 0) {
                throw new IOException("no HTTP answer: " + text);
            }
            String[] lines = text.substring(0, end).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim(), (a, b) -> a + "," + b);
            }
            byte[] rest = java.util.Arrays.copyOfRange(all, end + 4, all.length);
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                rest = unchunk(rest);
            }
            return new Answer(status, headers, rest);
        }

        private static byte[] unchunk(byte[] data) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int at = 0;
            while (at < data.length) {
                int lineEnd = at;
                while (lineEnd + 1 < data.length && !(data[lineEnd] == '\r' && data[lineEnd + 1] == '\n')) {
                    lineEnd++;
                }
                String sizeText = new String(data, at, lineEnd - at, StandardCharsets.US_ASCII).split(";")[0].trim();
                int size = sizeText.isEmpty() ? 0 : Integer.parseInt(sizeText, 16);
                if (size == 0) {
                    break;
                }
                out.write(data, lineEnd + 2, size);
                at = lineEnd + 2 + size + 2;
            }
            return out.toByteArray();
        }
    }
}
