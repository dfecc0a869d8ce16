package io.wharf.server;

import io.wharf.firehose.DeliveryFailure;
import io.wharf.firehose.ObjectSink;
import io.wharf.protocol.auth.SigV4Signer;
import io.wharf.protocol.auth.SigningRules;
import io.wharf.server.config.ExternalS3;
import io.wharf.sns.DeliveryTargets;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

/**
 * Firehose's objects into an S3 endpoint other than Wharf's own ({@code --firehose-s3-endpoint}): one path-style
 * {@code PUT <endpoint>/<bucket>/<key>} per object, SigV4-signed ({@link SigV4Signer}, the mirror of Wharf's
 * verifier) with {@code x-amz-content-sha256} = the body's SHA-256 and {@code Content-MD5}, so the endpoint checks
 * the bytes it stored. No AWS SDK: java.net.http, HTTP/1.1, redirects not followed.
 *
 * <p>Every attempt is judged by the server's outbound rules first ({@code --delivery-allow}/{@code --delivery-deny};
 * loopback and private addresses only while Wharf itself listens on loopback), like Firehose's HTTP endpoint
 * deliveries. Both hashes must be known before the request goes, so the body is read twice: a stream that can be
 * re-read ({@link InputStream#markSupported()}, Firehose's batches) is hashed, reset and sent; any other is copied to
 * an owner-only temporary file while hashed and sent from there, never held whole in memory.
 *
 * <p>Failures are AWS-like: a non-2xx answer becomes a {@link DeliveryFailure} named by S3's {@code <Code>} from the
 * XML body ({@code S3.AccessDenied}, {@code S3.NoSuchBucket}, …), or by the status when there is none; an I/O error
 * or a timeout is {@code S3.ServiceUnavailable}. Firehose then keeps the records and retries. The answer's ETag is
 * returned. The secret is never logged and never part of an error.
 */
final class RemoteS3Sink implements ObjectSink {
    private static final String ARN_PREFIX = "arn:aws:s3:::";
    /** An error answer is read up to this much (S3's error documents are a few hundred bytes). */
    private static final int MAX_ERROR_BYTES = 64 * 1024;
    /** How long a PUT may take: a base, plus one second per MiB (a 128 MiB batch gets over two minutes). */
    private static final Duration BASE_TIMEOUT = Duration.ofSeconds(60);
    private static final HexFormat HEX = HexFormat.of();
    private static final XMLInputFactory XML = xmlFactory();

    private final ExternalS3 target;
    private final DeliveryTargets rules;
    private final Clock clock;
    private final Path spoolDirectory;
    private final SigV4Signer signer;
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).version(HttpClient.Version.HTTP_1_1).build();

    /**
     * @param spoolDirectory where a body that cannot be re-read is copied while hashed; null = the system's
     *                       temporary directory
     */
    RemoteS3Sink(ExternalS3 target, DeliveryTargets rules, Clock clock, Path spoolDirectory) {
        this.target = target;
        this.rules = rules;
        this.clock = clock;
        this.spoolDirectory = spoolDirectory;
        this.signer = new SigV4Signer(target.accessKeyId(), target.secretAccessKey(), target.region(), "s3",
                SigningRules.S3);
    }

    @Override
    public String put(String bucketArn, String key, InputStream content, long length, String contentEncoding)
            throws DeliveryFailure {
        if (bucketArn == null || !bucketArn.startsWith(ARN_PREFIX) || bucketArn.length() == ARN_PREFIX.length()
                || bucketArn.indexOf('/', ARN_PREFIX.length()) >= 0) {
            throw new DeliveryFailure("S3.InvalidBucketArn", "The bucket ARN " + bucketArn + " is not an S3 bucket ARN.");
        }
        String bucket = bucketArn.substring(ARN_PREFIX.length());
        String rawPath = target.endpoint().getRawPath() + "/" + encode(bucket) + "/" + encode(key);
        URI url = URI.create(target.endpoint().getScheme() + "://" + target.endpoint().getRawAuthority() + rawPath);
        DeliveryTargets.Verdict verdict = rules.check(url);
        if (verdict.kind() != DeliveryTargets.Verdict.Kind.ALLOWED) {
            throw new DeliveryFailure("S3.ServiceUnavailable", "the outbound rules refuse " + url.getHost() + ": "
                    + verdict.reason());
        }
        Path spooled = null;
        try {
            Hashes hashes;
            if (content.markSupported()) {
                content.mark(Integer.MAX_VALUE);
                hashes = hash(content, length, OutputStream.nullOutputStream());
                content.reset();
            } else {
                spooled = spoolFile();
                try (OutputStream out = Files.newOutputStream(spooled)) {
                    hashes = hash(content, length, out);
                }
            }
            Path file = spooled;
            HttpRequest.BodyPublisher body = file != null ? HttpRequest.BodyPublishers.ofFile(file)
                    : HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> content),
                    length);
            return send(url, rawPath, body, length, hashes, contentEncoding);
        } catch (IOException e) {
            throw new DeliveryFailure("S3.ServiceUnavailable", "could not write to " + url.getHost() + ": "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailure("S3.ServiceUnavailable", "interrupted");
        } finally {
            if (spooled != null) {
                try {
                    Files.deleteIfExists(spooled);
                } catch (IOException ignored) {
                    // the temporary directory is cleaned by its owner; nothing secret is in the file
                }
            }
        }
    }

    private String send(URI url, String rawPath, HttpRequest.BodyPublisher body, long length, Hashes hashes,
                        String contentEncoding) throws IOException, InterruptedException, DeliveryFailure {
        Map<String, String> toSign = new java.util.TreeMap<>();
        toSign.put("host", hostHeader(url));
        toSign.put("content-md5", hashes.md5Base64());
        if (contentEncoding != null && !contentEncoding.isEmpty()) {
            toSign.put("content-encoding", contentEncoding);
        }
        Map<String, String> headers = signer.sign("PUT", rawPath, "", toSign, hashes.sha256Hex(), clock.instant());
        HttpRequest.Builder request = HttpRequest.newBuilder(url).PUT(body)
                .timeout(BASE_TIMEOUT.plusSeconds(length / (1024 * 1024)));
        headers.forEach((name, value) -> {
            if (!name.equals("host")) { // java.net.http sends the URL's authority itself, as signed
                request.header(name, value);
            }
        });
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (java.net.http.HttpTimeoutException e) {
            throw new DeliveryFailure("S3.ServiceUnavailable", url.getHost() + " did not answer in time");
        }
        byte[] answer;
        try (InputStream in = response.body()) {
            answer = in.readNBytes(MAX_ERROR_BYTES);
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            return response.headers().firstValue("ETag").orElse("");
        }
        String[] error = errorOf(answer);
        String code = error[0] != null ? error[0] : switch (status) {
            case 403 -> "AccessDenied";
            case 404 -> "NoSuchBucket";
            case 503 -> "ServiceUnavailable";
            default -> status >= 500 ? "InternalError" : "InvalidRequest";
        };
        throw new DeliveryFailure("S3." + code, (error[1] != null ? error[1] : "HTTP " + status) + " (from "
                + url.getHost() + ")");
    }

    /** The Host header java.net.http sends: the URL's host, and its port unless it is the scheme's default. */
    static String hostHeader(URI url) {
        String host = url.getHost();
        int port = url.getPort();
        int defaultPort = "https".equals(url.getScheme()) ? 443 : 80;
        return port == -1 || port == defaultPort ? host : host + ":" + port;
    }

    private record Hashes(String md5Base64, String sha256Hex) {
    }

    /** Reads exactly {@code length} bytes into {@code copy}, hashing them with MD5 and SHA-256. */
    private static Hashes hash(InputStream content, long length, OutputStream copy) throws IOException {
        MessageDigest md5 = digest("MD5");
        MessageDigest sha256 = digest("SHA-256");
        byte[] buffer = new byte[64 * 1024];
        long remaining = length;
        while (remaining > 0) {
            int n = content.read(buffer, 0, (int) Math.min(buffer.length, remaining));
            if (n < 0) {
                throw new IOException("the object's content ended " + remaining + " bytes short of its length");
            }
            md5.update(buffer, 0, n);
            sha256.update(buffer, 0, n);
            copy.write(buffer, 0, n);
            remaining -= n;
        }
        return new Hashes(Base64.getEncoder().encodeToString(md5.digest()), HEX.formatHex(sha256.digest()));
    }

    private Path spoolFile() throws IOException {
        Path directory = spoolDirectory != null ? spoolDirectory : Path.of(System.getProperty("java.io.tmpdir"));
        Files.createDirectories(directory);
        try {
            return Files.createTempFile(directory, "firehose-s3-", ".part",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            return Files.createTempFile(directory, "firehose-s3-", ".part");
        }
    }

    /** {@code [Code, Message]} of an S3 XML error document; nulls when the body is not one. */
    static String[] errorOf(byte[] body) {
        String[] out = new String[2];
        if (body.length == 0) {
            return out;
        }
        try {
            XMLStreamReader reader = XML.createXMLStreamReader(new ByteArrayInputStream(body));
            int depth = 0;
            String element = null;
            StringBuilder text = new StringBuilder();
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    element = reader.getLocalName();
                    text.setLength(0);
                } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                    text.append(reader.getText());
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    if (depth == 2 && "Code".equals(element) && out[0] == null) {
                        out[0] = safe(text.toString().strip());
                    } else if (depth == 2 && "Message".equals(element) && out[1] == null) {
                        out[1] = text.toString().strip();
                    }
                    depth--;
                    element = null;
                }
            }
        } catch (XMLStreamException | RuntimeException e) {
            return new String[2];
        }
        return out;
    }

    /** An error code becomes part of Firehose's error code: letters and digits only, bounded. */
    private static String safe(String code) {
        return code.matches("[A-Za-z0-9.]{1,64}") ? code : null;
    }

    /** A bucket name or key as S3 signs and routes it: RFC 3986 unreserved kept, '/' kept, the rest %XX (UTF-8). */
    static String encode(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                    || c == '.' || c == '~' || c == '/') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }

    private static XMLInputFactory xmlFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return factory;
    }

    @Override
    public String toString() {
        return "RemoteS3Sink[" + target + "]";
    }
}
