package io.wharf.it.s3.aws;

import io.wharf.testkit.Clients;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * S3 requests made by hand and sent over a plain socket exactly as built, for what no SDK sends: invalid bucket
 * names (the SDK refuses them itself), malformed XML, bad headers and ranges, broken {@code aws-chunked} framing.
 * Each request is signed with SigV4 over its headers, the payload hash being whatever {@code x-amz-content-sha256}
 * says (default {@code UNSIGNED-PAYLOAD}), so servers that verify signatures reach the part under test.
 */
final class S3Raw {
    /** An answer: status, headers (lower-case names) and body. */
    record Response(int status, Map<String, String> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The {@code <Code>} of an S3 XML error body, or null. */
        String code() {
            String text = text();
            int start = text.indexOf("<Code>");
            int end = text.indexOf("</Code>");
            return start < 0 || end < start ? null : text.substring(start + 6, end);
        }
    }

    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private final URI endpoint;

    S3Raw(URI endpoint) {
        this.endpoint = endpoint;
    }

    /**
     * Sends {@code method rawPath} (already percent-encoded, query included) with these headers and body. Adds Host,
     * x-amz-date, x-amz-content-sha256 (unless given), Content-Length (unless a Content-Length or Transfer-Encoding is
     * given), Connection: close and a SigV4 Authorization (unless given).
     */
    Response send(String method, String rawPath, Map<String, String> headers, byte[] body) {
        return send(method, rawPath, headers, body, false);
    }

    /**
     * The same; with {@code endOfInput} the socket's sending side is shut after the body, so a server waiting for
     * more bytes than were sent sees the end at once (it may answer or just close: then a 0 status, no headers).
     */
    Response send(String method, String rawPath, Map<String, String> headers, byte[] body, boolean endOfInput) {
        Map<String, String> all = new LinkedHashMap<>();
        String host = endpoint.getHost() + ":" + endpoint.getPort();
        all.put("Host", host);
        all.put("x-amz-date", ZonedDateTime.now(ZoneOffset.UTC).format(AMZ_DATE));
        all.put("x-amz-content-sha256", "UNSIGNED-PAYLOAD");
        all.putAll(headers);
        boolean framed = all.keySet().stream().anyMatch(h -> h.equalsIgnoreCase("Content-Length")
                || h.equalsIgnoreCase("Transfer-Encoding"));
        if (!framed) {
            all.put("Content-Length", String.valueOf(body.length));
        }
        if (all.keySet().stream().noneMatch(h -> h.equalsIgnoreCase("Authorization"))) {
            all.put("Authorization", authorization(method, rawPath, all));
        }
        all.put("Connection", "close");
        StringBuilder head = new StringBuilder(method).append(' ').append(rawPath).append(" HTTP/1.1\r\n");
        all.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            out.write(body);
            out.flush();
            if (endOfInput) {
                socket.shutdownOutput();
                byte[] answer = socket.getInputStream().readAllBytes();
                if (answer.length == 0) {
                    return new Response(0, Map.of(), answer);
                }
                return read(new java.io.ByteArrayInputStream(answer), method.equals("HEAD"));
            }
            return read(socket.getInputStream(), method.equals("HEAD"));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + rawPath, e);
        }
    }

    Response send(String method, String rawPath) {
        return send(method, rawPath, Map.of(), new byte[0]);
    }

    private static Response read(InputStream in, boolean head) throws IOException {
        byte[] all = in.readAllBytes();
        int end = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
        if (end < 0) {
            throw new IOException("no complete answer: " + new String(all, StandardCharsets.UTF_8));
        }
        String[] lines = new String(all, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
        }
        byte[] body = java.util.Arrays.copyOfRange(all, end + 4, all.length);
        if (head) {
            body = new byte[0];
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Response(status, headers, body);
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < chunked.length) {
            int lineEnd = indexOf(chunked, "\r\n".getBytes(StandardCharsets.US_ASCII), at);
            String sizeText = new String(chunked, at, lineEnd - at, StandardCharsets.US_ASCII).split(";")[0].strip();
            int size = Integer.parseInt(sizeText, 16);
            if (size == 0) {
                break;
            }
            out.write(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** SigV4 over method, path, query and every header sent but Connection. */
    private static String authorization(String method, String rawPath, Map<String, String> headers) {
        int question = rawPath.indexOf('?');
        String path = question < 0 ? rawPath : rawPath.substring(0, question);
        String query = question < 0 ? "" : canonicalQuery(rawPath.substring(question + 1));
        TreeMap<String, String> canonical = new TreeMap<>();
        headers.forEach((name, value) -> canonical.merge(name.toLowerCase(Locale.ROOT), value.strip().replaceAll(" +", " "),
                (a, b) -> a + "," + b));
        StringBuilder canonicalHeaders = new StringBuilder();
        canonical.forEach((name, value) -> canonicalHeaders.append(name).append(':').append(value).append('\n'));
        String signedHeaders = String.join(";", canonical.keySet());
        String request = method + "\n" + path + "\n" + query + "\n" + canonicalHeaders + "\n" + signedHeaders + "\n"
                + canonical.get("x-amz-content-sha256");
        String date = canonical.get("x-amz-date");
        String scope = date.substring(0, 8) + "/" + Clients.REGION.id() + "/s3/aws4_request";
        String toSign = "AWS4-HMAC-SHA256\n" + date + "\n" + scope + "\n" + hex(sha256(request.getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + Clients.SECRET).getBytes(StandardCharsets.UTF_8), date.substring(0, 8));
        key = hmac(key, Clients.REGION.id());
        key = hmac(key, "s3");
        key = hmac(key, "aws4_request");
        return "AWS4-HMAC-SHA256 Credential=" + Clients.ACCESS_KEY_ID + "/" + scope + ", SignedHeaders=" + signedHeaders
                + ", Signature=" + hex(hmac(key, toSign));
    }

    private static String canonicalQuery(String query) {
        TreeMap<String, String> parameters = new TreeMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            parameters.put(equals < 0 ? pair : pair.substring(0, equals), equals < 0 ? "" : pair.substring(equals + 1));
        }
        StringBuilder out = new StringBuilder();
        parameters.forEach((name, value) -> out.append(out.isEmpty() ? "" : "&").append(name).append('=').append(value));
        return out.toString();
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    static String hex(byte[] data) {
        return HexFormat.of().formatHex(data);
    }
}
