package io.wharf.it.s3.aws;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input on S3's wire never gets a 5xx: malformed and hostile XML bodies, bad and huge headers, invalid bucket
 * names, odd keys, bad ranges, broken {@code aws-chunked} framing, unknown methods and subresources. Every answer is
 * a success or a 4xx with S3's XML error ({@code <Error><Code>…}); where AWS documents the code, the code too. Each
 * sweep starts with a well-formed request that must succeed, so a server that refuses everything fails here as well.
 */
class S3BadInputIT extends S3TestBase {
    private static String bucket;
    private static S3Raw raw;

    private final List<String> failures = new ArrayList<>();
    private int requests;

    @BeforeAll
    static void target() {
        bucket = bucket("bad-input");
        raw = new S3Raw(endpoint());
        S3Raw.Response put = raw.send("PUT", "/" + bucket + "/existing", Map.of(), "0123456789".getBytes());
        assertThat(put.status()).as(put.text()).isEqualTo(200);
    }

    /** Sends and checks the answer is not a 5xx and, if an error with a body, S3's XML error; returns it. */
    private S3Raw.Response check(String what, String method, String path, Map<String, String> headers, byte[] body) {
        requests++;
        S3Raw.Response response;
        try {
            response = raw.send(method, path, headers, body);
        } catch (RuntimeException e) {
            failures.add(what + ": no answer (" + e + ")");
            return null;
        }
        // 501 NotImplemented is S3's documented answer for functionality a server does not offer
        if (response.status() >= 500 && !(response.status() == 501 && "NotImplemented".equals(response.code()))) {
            failures.add(what + ": " + response.status() + " " + response.text());
        } else if (response.status() >= 400 && !method.equals("HEAD")) {
            String text = response.text();
            if (!text.contains("<Error>") || response.code() == null || !text.contains("<Message>")) {
                failures.add(what + ": " + response.status() + " without S3's XML error: " + text);
            }
        }
        return response;
    }

    private void expect(String what, String method, String path, Map<String, String> headers, byte[] body,
            int status, String code) {
        S3Raw.Response response = check(what, method, path, headers, body);
        if (response != null && (response.status() != status || (code != null && !code.equals(response.code())))) {
            failures.add(what + ": expected " + status + " " + code + ", got " + response.status() + " "
                    + response.code() + " " + response.text());
        }
    }

    private void assertNoFailures() {
        assertThat(failures).as("of %d requests", requests).isEmpty();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void malformedAndHostileXml() {
        String deleteOk = "<Delete><Object><Key>nothing</Key></Object></Delete>";
        expect("well-formed DeleteObjects", "POST", "/" + bucket + "?delete", Map.of("Content-MD5", md5Base64(deleteOk)),
                utf8(deleteOk), 200, null);
        String entity = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<Delete><Object><Key>&x;</Key></Object></Delete>";
        String billion = "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;"
                + "&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><Delete><Object><Key>&c;</Key></Object>"
                + "</Delete>";
        for (String xml : List.of("", "<Delete>", "<Delete><Object><Key>k</Key></Object>", "not xml at all",
                "<Delete><Object><Key>k</Key></Object></Delete><Delete/>", "<Wrong/>", entity, billion,
                "<Delete>" + "<Object>".repeat(20_000) + "</Delete>", "\u0000\u0001<Delete/>")) {
            String what = "DeleteObjects with " + abbreviate(xml);
            S3Raw.Response response = check(what, "POST", "/" + bucket + "?delete",
                    Map.of("Content-MD5", md5Base64(xml)), utf8(xml));
            if (response != null && response.status() == 200) {
                failures.add(what + ": accepted");
            }
        }
        expect("DeleteObjects with broken XML is MalformedXML", "POST", "/" + bucket + "?delete",
                Map.of("Content-MD5", md5Base64("<Delete><Object>")), utf8("<Delete><Object>"), 400, "MalformedXML");
        for (String xml : List.of("<Tagging><TagSet><Tag><Key>k</Key>", "<Tagging><TagSet><Tag><Value>v</Value></Tag>"
                + "</TagSet></Tagging>", "<Tagging/>garbage")) {
            check("PutBucketTagging with " + abbreviate(xml), "PUT", "/" + bucket + "?tagging",
                    Map.of("Content-MD5", md5Base64(xml)), utf8(xml));
            check("PutObjectTagging with " + abbreviate(xml), "PUT", "/" + bucket + "/existing?tagging",
                    Map.of("Content-MD5", md5Base64(xml)), utf8(xml));
        }
        check("CreateBucket with a broken configuration", "PUT", "/" + uniqueBucket("badxml"), Map.of(),
                utf8("<CreateBucketConfiguration><LocationConstraint>"));
        check("CompleteMultipartUpload on a bogus upload with broken XML", "POST", "/" + bucket + "/k?uploadId=bogus",
                Map.of(), utf8("<CompleteMultipartUpload><Part>"));
        check("PutBucketNotificationConfiguration with broken XML", "PUT", "/" + bucket + "?notification", Map.of(),
                utf8("<NotificationConfiguration><QueueConfiguration>"));
        assertNoFailures();
    }

    @Test
    void badAndHugeHeaders() {
        byte[] body = utf8("payload");
        expect("wrong Content-MD5 is BadDigest", "PUT", "/" + bucket + "/md5",
                Map.of("Content-MD5", md5Base64("something else")), body, 400, "BadDigest");
        expect("unparseable Content-MD5 is InvalidDigest", "PUT", "/" + bucket + "/md5",
                Map.of("Content-MD5", "not base64!"), body, 400, "InvalidDigest");
        expect("wrong x-amz-checksum-crc32 is BadDigest", "PUT", "/" + bucket + "/crc",
                Map.of("x-amz-checksum-crc32", crc32Base64(utf8("other")), "x-amz-sdk-checksum-algorithm", "CRC32"),
                body, 400, "BadDigest");
        expect("user metadata over 2 KB is MetadataTooLarge", "PUT", "/" + bucket + "/meta",
                Map.of("x-amz-meta-big", "m".repeat(2100)), body, 400, "MetadataTooLarge");
        Map<String, String> many = new LinkedHashMap<>();
        for (int i = 0; i < 200; i++) {
            many.put("x-amz-meta-k" + i, "v".repeat(20));
        }
        expect("many metadata headers over 2 KB is MetadataTooLarge", "PUT", "/" + bucket + "/meta", many, body, 400,
                "MetadataTooLarge");
        check("a 60 KB header", "PUT", "/" + bucket + "/header", Map.of("x-amz-meta-huge", "h".repeat(60_000)), body);
        check("a bogus storage class", "PUT", "/" + bucket + "/sc", Map.of("x-amz-storage-class", "BOGUS"), body);
        check("a bogus metadata directive", "PUT", "/" + bucket + "/copy", Map.of("x-amz-copy-source",
                "/" + bucket + "/existing", "x-amz-metadata-directive", "SOMETIMES"), new byte[0]);
        for (String source : List.of("", "/", "nobucket", "/" + bucket, "%ZZ", "/" + bucket + "/existing?versionId=x",
                "/" + uniqueBucket("none") + "/k")) {
            check("x-amz-copy-source \"" + source + "\"", "PUT", "/" + bucket + "/copy",
                    Map.of("x-amz-copy-source", source), new byte[0]);
        }
        check("a bogus x-amz-content-sha256", "PUT", "/" + bucket + "/sha", Map.of("x-amz-content-sha256", "nonsense"),
                body);
        check("a wrong x-amz-content-sha256", "PUT", "/" + bucket + "/sha",
                Map.of("x-amz-content-sha256", S3Raw.hex(S3Raw.sha256(utf8("other")))), body);
        check("If-Modified-Since garbage", "GET", "/" + bucket + "/existing", Map.of("If-Modified-Since", "yesterday"),
                new byte[0]);
        check("an unknown x-amz-checksum-algorithm", "PUT", "/" + bucket + "/alg",
                Map.of("x-amz-sdk-checksum-algorithm", "MD4"), body);
        check("a bad part number", "PUT", "/" + bucket + "/k?partNumber=0&uploadId=bogus", Map.of(), body);
        check("a huge part number", "PUT", "/" + bucket + "/k?partNumber=99999999999&uploadId=bogus", Map.of(), body);
        check("max-keys not a number", "GET", "/" + bucket + "?list-type=2&max-keys=many", Map.of(), new byte[0]);
        check("max-keys negative", "GET", "/" + bucket + "?list-type=2&max-keys=-1", Map.of(), new byte[0]);
        check("a garbage continuation token", "GET", "/" + bucket + "?list-type=2&continuation-token=%00garbage",
                Map.of(), new byte[0]);
        check("an unknown encoding-type", "GET", "/" + bucket + "?list-type=2&encoding-type=rot13", Map.of(),
                new byte[0]);
        assertNoFailures();
    }

    @Test
    void oddKeysAndNames() {
        for (String path : List.of("/" + bucket + "/100%", "/" + bucket + "/%ZZ", "/" + bucket + "/a%00b",
                "/" + bucket + "/../escape", "/" + bucket + "/./dot", "/" + bucket + "/%2e%2e/x", "/" + bucket + "//",
                "/" + bucket + "/" + "k".repeat(1025), "/" + bucket + "/%F0%9F%98%80-%C3%BC",
                "/" + bucket + "/%C3%28-invalid-utf8", "/" + bucket + "/%7F", "/Invalid_Name/k", "/ab/k",
                "/" + "b".repeat(64) + "/k")) {
            check("PUT " + abbreviate(path), "PUT", path, Map.of(), utf8("x"));
            check("GET " + abbreviate(path), "GET", path, Map.of(), new byte[0]);
            check("HEAD " + abbreviate(path), "HEAD", path, Map.of(), new byte[0]);
        }
        expect("a 1,025-byte key is KeyTooLongError", "PUT", "/" + bucket + "/" + "k".repeat(1025), Map.of(),
                utf8("x"), 400, "KeyTooLongError");
        assertNoFailures();
    }

    @Test
    void badRanges() {
        expect("a good range", "GET", "/" + bucket + "/existing", Map.of("Range", "bytes=0-1"), new byte[0], 206, null);
        for (String range : List.of("bytes=5-1", "bytes=0-1,5-6", "bytes=-", "bytes=", "items=0-1", "bytes=--1",
                "bytes=99999999999999999999-", "bytes=1-99999999999999999999", "bytes=-0", "bytes=10-", "\u0000")) {
            check("Range " + range, "GET", "/" + bucket + "/existing", Map.of("Range", range), new byte[0]);
        }
        expect("a range past the end is InvalidRange", "GET", "/" + bucket + "/existing",
                Map.of("Range", "bytes=10-20"), new byte[0], 416, "InvalidRange");
        assertNoFailures();
    }

    @Test
    void brokenAwsChunkedFraming() {
        byte[] data = utf8("hello, chunked world");
        String checksum = crc32Base64(data);
        expect("well-formed unsigned chunks with a trailer", "PUT", "/" + bucket + "/chunked", chunkedHeaders(data.length),
                chunked(Integer.toHexString(data.length), data, "x-amz-checksum-crc32:" + checksum), 200, null);
        expect("a wrong trailing checksum is BadDigest", "PUT", "/" + bucket + "/chunked-bad",
                chunkedHeaders(data.length), chunked(Integer.toHexString(data.length), data,
                        "x-amz-checksum-crc32:" + crc32Base64(utf8("other"))), 400, "BadDigest");
        check("a chunk size that is not hex", "PUT", "/" + bucket + "/c1", chunkedHeaders(data.length),
                chunked("zz", data, "x-amz-checksum-crc32:" + checksum));
        check("a chunk size larger than the data", "PUT", "/" + bucket + "/c2", chunkedHeaders(data.length),
                chunked("ffff", data, "x-amz-checksum-crc32:" + checksum));
        check("a chunk size smaller than the data", "PUT", "/" + bucket + "/c3", chunkedHeaders(data.length),
                chunked("3", data, "x-amz-checksum-crc32:" + checksum));
        check("a huge chunk size", "PUT", "/" + bucket + "/c4", chunkedHeaders(data.length),
                chunked("7fffffffffffffff", data, "x-amz-checksum-crc32:" + checksum));
        check("no trailer", "PUT", "/" + bucket + "/c5", chunkedHeaders(data.length),
                chunked(Integer.toHexString(data.length), data, null));
        check("a trailer that is not the announced one", "PUT", "/" + bucket + "/c6", chunkedHeaders(data.length),
                chunked(Integer.toHexString(data.length), data, "x-amz-checksum-sha256:" + checksum));
        check("a decoded length that does not match", "PUT", "/" + bucket + "/c7", chunkedHeaders(data.length + 5),
                chunked(Integer.toHexString(data.length), data, "x-amz-checksum-crc32:" + checksum));
        byte[] truncated = chunked(Integer.toHexString(data.length), data, "x-amz-checksum-crc32:" + checksum);
        requests++;
        S3Raw.Response cut = raw.send("PUT", "/" + bucket + "/c8", withLength(chunkedHeaders(data.length),
                truncated.length + 100), truncated, true);
        if (cut.status() >= 500 || (cut.status() >= 400 && cut.code() == null)) {
            failures.add("a body cut short of its Content-Length: " + cut.status() + " " + cut.text());
        }
        check("no final chunk", "PUT", "/" + bucket + "/c9", chunkedHeaders(data.length),
                (Integer.toHexString(data.length) + "\r\n" + new String(data, StandardCharsets.UTF_8) + "\r\n")
                        .getBytes(StandardCharsets.UTF_8));
        Map<String, String> signedChunks = new LinkedHashMap<>(chunkedHeaders(data.length));
        signedChunks.put("x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD");
        signedChunks.remove("x-amz-trailer");
        check("signed chunks without chunk signatures", "PUT", "/" + bucket + "/c10", signedChunks,
                chunked(Integer.toHexString(data.length), data, null));
        check("signed chunks with a forged chunk signature", "PUT", "/" + bucket + "/c11", signedChunks,
                chunked(Integer.toHexString(data.length) + ";chunk-signature=" + "0".repeat(64), data, null));
        // HTTP-level chunked transfer encoding, broken
        check("Transfer-Encoding chunked with a bad size", "PUT", "/" + bucket + "/t1",
                Map.of("Transfer-Encoding", "chunked"), utf8("zz\r\nhello\r\n0\r\n\r\n"));
        assertNoFailures();
        assertThat(s3().listObjectsV2(r -> r.bucket(bucket).prefix("c")).contents())
                .as("no object from a broken upload").extracting(o -> o.key()).containsExactly("chunked");
    }

    @Test
    void unknownMethodsAndSubresources() {
        check("PATCH an object", "PATCH", "/" + bucket + "/existing", Map.of(), utf8("x"));
        check("an unknown subresource", "GET", "/" + bucket + "?no-such-subresource", Map.of(), new byte[0]);
        check("POST to an object without a subresource", "POST", "/" + bucket + "/existing", Map.of(), utf8("x"));
        check("DELETE with a body", "DELETE", "/" + bucket + "/nothing", Map.of(), utf8("body"));
        check("PUT on the service", "PUT", "/", Map.of(), new byte[0]);
        check("an accelerate configuration", "PUT", "/" + bucket + "?accelerate", Map.of(),
                utf8("<AccelerateConfiguration><Status>Enabled</Status></AccelerateConfiguration>"));
        assertNoFailures();
    }

    private static Map<String, String> chunkedHeaders(int decodedLength) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Encoding", "aws-chunked");
        headers.put("x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER");
        headers.put("x-amz-decoded-content-length", String.valueOf(decodedLength));
        headers.put("x-amz-trailer", "x-amz-checksum-crc32");
        headers.put("x-amz-sdk-checksum-algorithm", "CRC32");
        return headers;
    }

    private static Map<String, String> withLength(Map<String, String> headers, int length) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put("Content-Length", String.valueOf(length));
        return copy;
    }

    /** {@code <size line>\r\n<data>\r\n0\r\n<trailer>\r\n\r\n}, the framing of the unsigned-trailer variant. */
    private static byte[] chunked(String sizeLine, byte[] data, String trailer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((sizeLine + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(data);
        out.writeBytes("\r\n0\r\n".getBytes(StandardCharsets.US_ASCII));
        if (trailer != null) {
            out.writeBytes((trailer + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static String md5Base64(String text) {
        return Base64.getEncoder().encodeToString(md5(utf8(text)));
    }

    private static String crc32Base64(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        long value = crc.getValue();
        return Base64.getEncoder().encodeToString(new byte[] {
                (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
    }

    private static String abbreviate(String text) {
        String printable = text.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= 60 ? "\"" + printable + "\"" : "\"" + printable.substring(0, 57) + "...\"";
    }
}
