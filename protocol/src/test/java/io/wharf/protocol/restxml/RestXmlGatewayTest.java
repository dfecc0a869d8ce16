package io.wharf.protocol.restxml;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.wharf.protocol.AwsService;
import io.wharf.protocol.Gateway;
import io.wharf.protocol.GatewaySettings;
import io.wharf.protocol.JdkHttpBridge;
import io.wharf.protocol.Operation;
import io.wharf.protocol.ServiceGateway;
import io.wharf.protocol.TestModels;
import io.wharf.protocol.model.ServiceModel;
import io.wharf.protocol.wire.WireRequest;
import io.wharf.protocol.wire.WireResponse;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway with a REST-XML service on the real S3 model (and SQS beside it): routing, decoding, encoding, errors. */
class RestXmlGatewayTest {
    private static final String S3_NS = "http://s3.amazonaws.com/doc/2006-03-01/";

    private final FakeS3 s3 = new FakeS3();
    private final AwsService sqs = new AwsService() {
        @Override
        public ServiceModel model() {
            return TestModels.SQS;
        }

        @Override
        public Map<String, Operation> operations() {
            return Map.of("ListQueues", (context, input) -> JsonNodeFactory.instance.objectNode());
        }
    };
    private final Gateway gateway = new ServiceGateway(List.of(sqs, s3),
            new GatewaySettings("000000000000", "us-east-1", "wharf.example:4566"));

    // ---------------------------------------------------------------- helpers

    static WireRequest request(String method, String rawUri, byte[] body, String... headers) {
        return JdkHttpBridge.request(method, rawUri, body, headers);
    }

    static WireRequest request(String method, String rawUri, String... headers) {
        return request(method, rawUri, new byte[0], headers);
    }

    static Element xml(WireResponse response) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder()
                .parse(new InputSource(new StringReader(new String(response.body(), StandardCharsets.UTF_8))))
                .getDocumentElement();
    }

    static String text(Element element, String path) {
        Element e = element;
        for (String name : path.split("/")) {
            e = (Element) e.getElementsByTagNameNS("*", name).item(0);
            assertThat(e).as("<%s> in %s", name, path).isNotNull();
        }
        return e.getTextContent();
    }

    static void assertS3Error(WireResponse response, int status, String code) throws Exception {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.headers()).containsEntry("Content-Type", "application/xml");
        Element root = xml(response);
        assertThat(root.getLocalName()).isEqualTo("Error");
        assertThat(text(root, "Code")).isEqualTo(code);
        assertThat(text(root, "RequestId")).isEqualTo(response.headers().get("x-amz-request-id"));
        assertThat(text(root, "HostId")).isEqualTo(response.headers().get("x-amz-id-2"));
    }

    private static byte[] streamed(WireResponse response) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        response.stream().writeTo(new WireResponse.Sink() {
            @Override
            public void write(byte[] chunk) {
                out.writeBytes(chunk);
            }

            @Override
            public boolean open() {
                return true;
            }
        });
        return out.toByteArray();
    }

    // ---------------------------------------------------------------- routing

    @Test
    void unsignedRootIsListBucketsWithS3Ids() throws Exception {
        WireResponse response = gateway.handle(request("GET", "/"));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers()).containsEntry("Content-Type", "application/xml");
        assertThat(response.headers().get("x-amz-request-id")).matches("[0-9A-F]{16}");
        assertThat(response.headers().get("x-amz-id-2")).isNotBlank();
        Element root = xml(response);
        assertThat(root.getLocalName()).isEqualTo("ListAllMyBucketsResult");
        assertThat(root.getNamespaceURI()).isEqualTo(S3_NS);
        assertThat(text(root, "Buckets/Bucket/Name")).isEqualTo("one");
        assertThat(text(root, "Buckets/Bucket/CreationDate")).isEqualTo("2026-12-03T07:00:00.000Z");
        assertThat(text(root, "Owner/ID")).isEqualTo("owner-id");
    }

    @Test
    void pathStyleBucketAndListObjectsV2ByItsQueryLiteral() {
        gateway.handle(request("GET", "/bucket-1"));
        assertThat(s3.inputs.get("ListObjects").string("Bucket")).isEqualTo("bucket-1");
        gateway.handle(request("GET", "/bucket-1/?list-type=2&prefix=a%2F&delimiter=%2F&max-keys=7"));
        var input = s3.inputs.get("ListObjectsV2");
        assertThat(input.string("Bucket")).isEqualTo("bucket-1");
        assertThat(input.string("Prefix")).isEqualTo("a/");
        assertThat(input.string("Delimiter")).isEqualTo("/");
        assertThat(input.integer("MaxKeys")).isEqualTo(7);
    }

    @Test
    void virtualHostsPutTheBucketInFront() {
        for (String host : List.of("vbucket.localhost:4566", "vbucket.s3.localhost", "vbucket.wharf.example:9000",
                "VBucket.LocalHost")) {
            s3.inputs.clear();
            gateway.handle(request("GET", "/?list-type=2", "host", host));
            assertThat(s3.inputs.get("ListObjectsV2").string("Bucket")).as(host).isEqualTo("vbucket");
        }
        gateway.handle(request("PUT", "/dir/file.txt", "hello".getBytes(StandardCharsets.UTF_8),
                "host", "my.dotted.bucket.localhost:4566", "x-amz-content-sha256", "UNSIGNED-PAYLOAD"));
        assertThat(s3.inputs.get("PutObject").string("Bucket")).isEqualTo("my.dotted.bucket");
        assertThat(s3.inputs.get("PutObject").string("Key")).isEqualTo("dir/file.txt");
    }

    @Test
    void ipAddressesAndTheBareEndpointAreNotVirtualHosts() throws Exception {
        for (String host : List.of("127.0.0.1:4566", "[::1]:4566", "localhost", "s3.localhost:4566",
                "wharf.example")) {
            WireResponse response = gateway.handle(request("GET", "/", "host", host));
            assertThat(xml(response).getLocalName()).as(host).isEqualTo("ListAllMyBucketsResult");
        }
    }

    @Test
    void signedForS3IsRestXmlEvenWithAnAction() {
        gateway.handle(request("GET", "/b?Action=ListQueues", "authorization",
                "AWS4-HMAC-SHA256 Credential=AKID/20261203/us-east-1/s3/aws4_request, SignedHeaders=host, "
                        + "Signature=abc"));
        assertThat(s3.inputs.get("ListObjects").string("Bucket")).isEqualTo("b");
        s3.inputs.clear();
        gateway.handle(request("GET", "/b?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20261203%2F"
                + "us-east-1%2Fs3%2Faws4_request&X-Amz-Date=20261203T070000Z&X-Amz-Expires=60"
                + "&X-Amz-SignedHeaders=host&X-Amz-Signature=abc"));
        assertThat(s3.inputs.get("ListObjects").string("Bucket")).isEqualTo("b");
    }

    @Test
    void queryRequestsKeepTheirRoute() throws Exception {
        WireResponse unsigned = gateway.handle(request("POST", "/", "Action=ListQueues&Version=2012-11-05"
                .getBytes(StandardCharsets.UTF_8), "content-type", "application/x-www-form-urlencoded"));
        assertThat(xml(unsigned).getLocalName()).isEqualTo("ListQueuesResponse");
        WireResponse byQuery = gateway.handle(request("GET", "/?Action=ListQueues"));
        assertThat(xml(byQuery).getLocalName()).isEqualTo("ListQueuesResponse");
        WireResponse signedForSqs = gateway.handle(request("POST", "/", "Action=ListQueues"
                .getBytes(StandardCharsets.UTF_8), "content-type", "application/x-www-form-urlencoded",
                "host", "sqs.localhost:4566", "authorization",
                "AWS4-HMAC-SHA256 Credential=AKID/20261203/us-east-1/sqs/aws4_request, SignedHeaders=host, "
                        + "Signature=abc"));
        assertThat(xml(signedForSqs).getLocalName()).isEqualTo("ListQueuesResponse");
    }

    @Test
    void theMostSpecificOperationWins() {
        byte[] part = "part".getBytes(StandardCharsets.UTF_8);
        gateway.handle(request("PUT", "/b/k?partNumber=3&uploadId=u-1", part));
        assertThat(s3.inputs.get("UploadPart").integer("PartNumber")).isEqualTo(3);
        assertThat(s3.inputs.get("UploadPart").string("UploadId")).isEqualTo("u-1");
        assertThat(s3.inputs).doesNotContainKey("PutObject");
        gateway.handle(request("PUT", "/b/k?partNumber=3", part));
        assertThat(s3.inputs).containsKey("PutObject");
        gateway.handle(request("PUT", "/b/k2", new byte[0], "x-amz-copy-source", "/src/key"));
        assertThat(s3.inputs.get("CopyObject").string("CopySource")).isEqualTo("/src/key");
        gateway.handle(request("POST", "/b/k?uploads"));
        assertThat(s3.inputs.get("CreateMultipartUpload").string("Key")).isEqualTo("k");
        gateway.handle(request("GET", "/b/k?x-id=GetObject"));
        assertThat(s3.inputs).containsKey("GetObject");
        gateway.handle(request("PUT", "/b/k3?partNumber=1&uploadId=u&x-id=PutObject", part));
        assertThat(s3.inputs.get("PutObject").string("Key")).isEqualTo("k3"); // x-id names the operation
    }

    @Test
    void unknownAndUnimplementedOperationsAnswerInS3sWords() throws Exception {
        assertS3Error(gateway.handle(request("PATCH", "/b/k")), 405, "MethodNotAllowed");
        assertS3Error(gateway.handle(request("GET", "/b?acl")), 501, "NotImplemented");
        assertS3Error(gateway.handle(request("DELETE", "/b/k?uploadId=u")), 501, "NotImplemented"); // Abort…
        assertS3Error(gateway.handle(request("GET", "/b/k?uploadId=u&x-id=ListParts")), 501, "NotImplemented");
        assertThat(gateway.handle(request("GET", "/b/k?x-id=NoSuchThing")).status()).isEqualTo(200); // a hint only
    }

    // ---------------------------------------------------------------- decoding

    @Test
    void labelsHeadersAndMetadataDecode() {
        gateway.handle(request("PUT", "/b/dir/sub/a%20b+c%2Fd.txt", "data".getBytes(StandardCharsets.UTF_8),
                "Content-Type", "text/plain", "x-amz-meta-Color", "blue", "X-Amz-Meta-size", "L",
                "x-amz-storage-class", "STANDARD_IA", "Content-Length", "4",
                "x-amz-object-lock-retain-until-date", "2026-12-03T07:00:00Z",
                "If-None-Match", "*"));
        var input = s3.inputs.get("PutObject");
        assertThat(input.string("Key")).isEqualTo("dir/sub/a b+c/d.txt");
        assertThat(input.string("ContentType")).isEqualTo("text/plain");
        assertThat(input.longValue("ContentLength")).isEqualTo(4L);
        assertThat(input.stringMap("Metadata")).containsEntry("color", "blue").containsEntry("size", "L");
        assertThat(input.string("StorageClass")).isEqualTo("STANDARD_IA");
        assertThat(input.longValue("ObjectLockRetainUntilDate")).isEqualTo(FakeS3.LAST_MODIFIED);
        assertThat(input.string("IfNoneMatch")).isEqualTo("*");
        assertThat(s3.bodies.get("PutObject")).asString(StandardCharsets.UTF_8).isEqualTo("data");
    }

    @Test
    void headerListsAreCommaSeparated() throws Exception {
        WireResponse response = gateway.handle(request("GET", "/b/k?attributes", "x-amz-object-attributes",
                "ETag, ObjectSize,StorageClass", "x-amz-max-parts", "5"));
        var input = s3.inputs.get("GetObjectAttributes");
        assertThat(input.strings("ObjectAttributes")).containsExactly("ETag", "ObjectSize", "StorageClass");
        assertThat(input.integer("MaxParts")).isEqualTo(5);
        Element root = xml(response);
        assertThat(root.getLocalName()).isEqualTo("GetObjectAttributesResponse");
        assertThat(text(root, "ObjectSize")).isEqualTo("13");
    }

    @Test
    void headerTimestampsAreHttpDates() {
        gateway.handle(request("GET", "/b/k", "If-Modified-Since", "Thu, 03 Dec 2026 07:00:00 GMT",
                "Range", "bytes=0-3"));
        var input = s3.inputs.get("GetObject");
        assertThat(input.longValue("IfModifiedSince")).isEqualTo(FakeS3.LAST_MODIFIED);
        assertThat(input.string("Range")).isEqualTo("bytes=0-3");
    }

    @Test
    void xmlPayloadsDecodeByShape() {
        String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Delete xmlns=\"" + S3_NS + "\">"
                + "<Object><Key>a</Key></Object><Object><Key>b &amp; c</Key><VersionId>v</VersionId></Object>"
                + "<Quiet>true</Quiet></Delete>";
        WireResponse response = gateway.handle(request("POST", "/b?delete", body.getBytes(StandardCharsets.UTF_8)));
        assertThat(response.status()).isEqualTo(200);
        var delete = s3.inputs.get("DeleteObjects").struct("Delete");
        assertThat(delete.structs("Objects")).extracting(o -> o.string("Key")).containsExactly("a", "b & c");
        assertThat(delete.structs("Objects").get(1).string("VersionId")).isEqualTo("v");
        assertThat(delete.bool("Quiet")).isTrue();

        String tagging = "<Tagging><TagSet><Tag><Key>k1</Key><Value>v1</Value></Tag><Tag><Key>k2</Key>"
                + "<Value></Value></Tag></TagSet></Tagging>";
        gateway.handle(request("PUT", "/b?tagging", tagging.getBytes(StandardCharsets.UTF_8)));
        var tags = s3.inputs.get("PutBucketTagging").struct("Tagging").structs("TagSet");
        assertThat(tags).extracting(t -> t.string("Key")).containsExactly("k1", "k2");
        assertThat(tags.get(1).string("Value")).isEmpty();
    }

    @Test
    void anEmptyBodyLeavesAnOptionalPayloadOut() {
        gateway.handle(request("PUT", "/new-bucket"));
        assertThat(s3.inputs.get("CreateBucket").has("CreateBucketConfiguration")).isFalse();
        String config = "<CreateBucketConfiguration xmlns=\"" + S3_NS + "\"><LocationConstraint>eu-west-1"
                + "</LocationConstraint></CreateBucketConfiguration>";
        gateway.handle(request("PUT", "/new-bucket", config.getBytes(StandardCharsets.UTF_8)));
        assertThat(s3.inputs.get("CreateBucket").struct("CreateBucketConfiguration").string("LocationConstraint"))
                .isEqualTo("eu-west-1");
    }

    @Test
    void badInputIsS3sError() throws Exception {
        assertS3Error(gateway.handle(request("POST", "/b?delete", "<Delete><Object>".getBytes(StandardCharsets.UTF_8))),
                400, "MalformedXML");
        assertS3Error(gateway.handle(request("POST", "/b?delete", new byte[0])), 400, "MalformedXML");
        assertS3Error(gateway.handle(request("POST", "/b?delete", ("<!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<Delete><Object><Key>&x;</Key></Object></Delete>").getBytes(StandardCharsets.UTF_8))),
                400, "MalformedXML");
        WireResponse badInt = gateway.handle(request("GET", "/b?list-type=2&max-keys=lots"));
        assertS3Error(badInt, 400, "InvalidArgument");
        assertThat(text(xml(badInt), "ArgumentName")).isEqualTo("max-keys");
        assertThat(text(xml(badInt), "ArgumentValue")).isEqualTo("lots");
        assertS3Error(gateway.handle(request("GET", "/b/k", "If-Modified-Since", "yesterday")), 400,
                "InvalidArgument");
    }

    @Test
    void headerEnumsAreCheckedInS3sWords() throws Exception {
        byte[] data = "data".getBytes(StandardCharsets.UTF_8);
        WireResponse storageClass = gateway.handle(request("PUT", "/b/k", data, "x-amz-storage-class", "BOGUS"));
        assertS3Error(storageClass, 400, "InvalidStorageClass");
        assertThat(text(xml(storageClass), "Message")).isEqualTo("The storage class you specified is not valid");
        assertThat(text(xml(storageClass), "StorageClassRequested")).isEqualTo("BOGUS");
        WireResponse acl = gateway.handle(request("PUT", "/b/k", data, "x-amz-acl", "everyone"));
        assertS3Error(acl, 400, "InvalidArgument");
        assertThat(text(xml(acl), "ArgumentName")).isEqualTo("x-amz-acl");
        assertThat(text(xml(acl), "ArgumentValue")).isEqualTo("everyone");
        assertS3Error(gateway.handle(request("PUT", "/b/k", data, "x-amz-server-side-encryption", "rot13")), 400,
                "InvalidArgument");
        assertThat(s3.inputs).doesNotContainKey("PutObject");
        assertThat(gateway.handle(request("PUT", "/b/k", data, "x-amz-storage-class", "STANDARD_IA")).status())
                .isEqualTo(200);
        // the operations answer these in their own words
        assertThat(gateway.handle(request("PUT", "/b/copy", "x-amz-copy-source", "/b/k", "x-amz-metadata-directive",
                "SOMETIMES")).status()).isEqualTo(200);
        assertThat(s3.inputs.get("CopyObject").string("MetadataDirective")).isEqualTo("SOMETIMES");
        gateway.handle(request("GET", "/b?encoding-type=rot13"));
        assertThat(s3.inputs.get("ListObjects").string("EncodingType")).isEqualTo("rot13");
    }

    @Test
    void bodyEnumsAreMalformedXmlButFilterRuleNamesInAnyCaseEventsAndLocationsAreTheOperations() throws Exception {
        String notification = "<NotificationConfiguration xmlns=\"" + S3_NS + "\"><QueueConfiguration>"
                + "<Queue>arn:aws:sqs:us-east-1:000000000000:q</Queue><Event>s3:ObjectCreated:*</Event>"
                + "<Event>s3:Nonsense</Event><Filter><S3Key><FilterRule><Name>Prefix</Name><Value>in/</Value>"
                + "</FilterRule><FilterRule><Name>suffix</Name><Value>.txt</Value></FilterRule></S3Key></Filter>"
                + "</QueueConfiguration></NotificationConfiguration>";
        assertThat(gateway.handle(request("PUT", "/b?notification", notification.getBytes(StandardCharsets.UTF_8)))
                .status()).isEqualTo(200);
        var rules = s3.inputs.get("PutBucketNotificationConfiguration").struct("NotificationConfiguration")
                .structs("QueueConfigurations").get(0).struct("Filter").struct("Key").structs("FilterRules");
        assertThat(rules).extracting(r -> r.string("Name")).containsExactly("Prefix", "suffix");
        String mars = "<CreateBucketConfiguration xmlns=\"" + S3_NS + "\"><LocationConstraint>mars-north-1"
                + "</LocationConstraint></CreateBucketConfiguration>";
        assertThat(gateway.handle(request("PUT", "/new-bucket", mars.getBytes(StandardCharsets.UTF_8))).status())
                .isEqualTo(200);
        String badType = "<CreateBucketConfiguration xmlns=\"" + S3_NS + "\"><Bucket><Type>Cupboard</Type></Bucket>"
                + "</CreateBucketConfiguration>";
        assertS3Error(gateway.handle(request("PUT", "/other-bucket", badType.getBytes(StandardCharsets.UTF_8))), 400,
                "MalformedXML");
    }

    @Test
    void unsignedAwsChunkedBodiesDecodeAndHideTheirFraming() {
        String body = "5\r\nhello\r\n6\r\n world\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n";
        WireResponse response = gateway.handle(request("PUT", "/b/chunked", body.getBytes(StandardCharsets.UTF_8),
                "x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER", "Content-Encoding", "aws-chunked,gzip",
                "x-amz-decoded-content-length", "11", "Content-Length", Integer.toString(body.length()),
                "x-amz-trailer", "x-amz-checksum-crc32"));
        assertThat(response.status()).isEqualTo(200);
        assertThat(s3.bodies.get("PutObject")).asString(StandardCharsets.UTF_8).isEqualTo("hello world");
        assertThat(s3.trailers.get("PutObject")).containsEntry("x-amz-checksum-crc32", "DUoRhQ==");
        var input = s3.inputs.get("PutObject");
        assertThat(input.string("ContentEncoding")).isEqualTo("gzip");
        assertThat(input.longValue("ContentLength")).isEqualTo(11L);
        assertThat(input.payload("Body").length()).isEqualTo(11L);
        assertThat(input.payload("Body").file()).isNull();
    }

    @Test
    void aBrokenChunkedBodyIsTheBodysError() throws Exception {
        assertS3Error(gateway.handle(request("PUT", "/b/chunked", "5\r\nhel".getBytes(StandardCharsets.UTF_8),
                "Content-Encoding", "aws-chunked", "x-amz-decoded-content-length", "5")), 400, "IncompleteBody");
    }

    @Test
    void aContentSha256IsCheckedEvenWithAuthenticationOff() throws Exception {
        byte[] body = "data".getBytes(StandardCharsets.UTF_8);
        String right = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(body));
        assertThat(gateway.handle(request("PUT", "/b/k", body, "x-amz-content-sha256", right)).status())
                .isEqualTo(200);
        WireResponse wrong = gateway.handle(request("PUT", "/b/k", body, "x-amz-content-sha256",
                right.replace(right.charAt(0), right.charAt(0) == 'a' ? 'b' : 'a')));
        assertS3Error(wrong, 400, "XAmzContentSHA256Mismatch");
        assertThat(text(xml(wrong), "S3ComputedContentSHA256")).isEqualTo(right);
        assertThat(gateway.handle(request("PUT", "/b/k", body, "x-amz-content-sha256", "UNSIGNED-PAYLOAD")).status())
                .isEqualTo(200);
    }

    @Test
    void documentDigestsAreChecked() throws Exception {
        byte[] body = ("<Delete><Object><Key>a</Key></Object></Delete>").getBytes(StandardCharsets.UTF_8);
        String md5 = java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("MD5")
                .digest(body));
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(body);
        String crc32 = java.util.Base64.getEncoder().encodeToString(java.nio.ByteBuffer.allocate(4)
                .putInt((int) crc.getValue()).array());
        assertThat(gateway.handle(request("POST", "/b?delete", body, "Content-MD5", md5,
                "x-amz-checksum-crc32", crc32)).status()).isEqualTo(200);
        assertS3Error(gateway.handle(request("POST", "/b?delete", body, "Content-MD5",
                "AAAAAAAAAAAAAAAAAAAAAA==")), 400, "BadDigest");
        assertS3Error(gateway.handle(request("POST", "/b?delete", body, "Content-MD5", "nope")), 400,
                "InvalidDigest");
        assertS3Error(gateway.handle(request("POST", "/b?delete", body, "x-amz-checksum-crc32", "AAAAAA==")), 400,
                "BadDigest");
    }

    // ---------------------------------------------------------------- encoding

    @Test
    void outputMembersBecomeHeadersAndXml() throws Exception {
        WireResponse put = gateway.handle(request("PUT", "/b/k", new byte[0]));
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.headers()).containsEntry("ETag", "\"etag\"")
                .containsEntry("x-amz-server-side-encryption", "AES256");
        assertThat(put.body()).isEmpty();

        WireResponse list = gateway.handle(request("GET", "/b?list-type=2"));
        Element root = xml(list);
        assertThat(root.getLocalName()).isEqualTo("ListBucketResult");
        assertThat(root.getNamespaceURI()).isEqualTo(S3_NS);
        assertThat(root.getElementsByTagName("Contents").getLength()).isEqualTo(2);
        assertThat(text(root, "Contents/LastModified")).isEqualTo("2026-12-03T07:00:00.000Z");
        assertThat(root.getElementsByTagName("Key").item(1).getTextContent()).isEqualTo("a/2 & <b>");
        assertThat(text(root, "CommonPrefixes/Prefix")).isEqualTo("a/");
        assertThat(text(root, "KeyCount")).isEqualTo("2");
        assertThat(text(root, "IsTruncated")).isEqualTo("false");

        Element initiate = xml(gateway.handle(request("POST", "/b/k?uploads")));
        assertThat(initiate.getLocalName()).isEqualTo("InitiateMultipartUploadResult");
        assertThat(text(initiate, "UploadId")).isEqualTo("upload-1");

        Element copy = xml(gateway.handle(request("PUT", "/b/k", new byte[0], "x-amz-copy-source", "/s/k")));
        assertThat(copy.getLocalName()).isEqualTo("CopyObjectResult");
        assertThat(text(copy, "ETag")).isEqualTo("\"copy\"");

        Element tagging = xml(gateway.handle(request("GET", "/b/k?tagging")));
        assertThat(tagging.getLocalName()).isEqualTo("Tagging");
        assertThat(text(tagging, "TagSet/Tag/Key")).isEqualTo("k");
    }

    @Test
    void bucketLocationIsTheRootsText() throws Exception {
        Element root = xml(gateway.handle(request("GET", "/b?location")));
        assertThat(root.getLocalName()).isEqualTo("LocationConstraint");
        assertThat(root.getNamespaceURI()).isEqualTo(S3_NS);
        assertThat(root.getTextContent()).isEqualTo("eu-west-1");
    }

    @Test
    void aStringPayloadIsTheBody() {
        WireResponse policy = gateway.handle(request("GET", "/b?policy"));
        assertThat(new String(policy.body(), StandardCharsets.UTF_8)).isEqualTo("{\"Version\":\"2012-10-17\"}");
    }

    @Test
    void objectsStreamWithTheirLengthAndHeaders() throws Exception {
        WireResponse get = gateway.handle(request("GET", "/b/k"));
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.stream()).isNotNull();
        assertThat(get.headers()).containsEntry("Content-Length", Integer.toString(FakeS3.OBJECT.length))
                .containsEntry("Content-Type", "text/plain")
                .containsEntry("Last-Modified", "Thu, 03 Dec 2026 07:00:00 GMT")
                .containsEntry("x-amz-meta-color", "blue")
                .containsEntry("ETag", "\"etag\"");
        assertThat(streamed(get)).isEqualTo(FakeS3.OBJECT);
    }

    @Test
    void headAnswersHeadersWithoutABody() throws Exception {
        WireResponse head = gateway.handle(request("HEAD", "/b/k"));
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.stream()).isNull();
        assertThat(head.headers()).containsEntry("Content-Length", Integer.toString(FakeS3.OBJECT.length))
                .containsEntry("Last-Modified", "Thu, 03 Dec 2026 07:00:00 GMT");
        WireResponse missing = gateway.handle(request("HEAD", "/b/missing"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).isEmpty();
        assertThat(missing.headers().get("x-amz-request-id")).isNotBlank();
    }

    @Test
    void aRangedGetAnswers206ThroughWharfsStatusMember() throws Exception {
        WireResponse ranged = gateway.handle(request("GET", "/b/k", "Range", "bytes=0-"));
        assertThat(ranged.status()).isEqualTo(206);
        assertThat(ranged.headers()).containsEntry("Content-Range", "bytes 0-12/13").doesNotContainKey("StatusCode");
        assertThat(streamed(ranged)).isEqualTo(FakeS3.OBJECT);
    }

    @Test
    void notModifiedHasHeadersAndNoBody() {
        WireResponse response = gateway.handle(request("GET", "/b/k", "If-None-Match", "\"etag\""));
        assertThat(response.status()).isEqualTo(304);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers()).containsEntry("ETag", "\"etag\"");
        assertThat(response.headers().get("x-amz-request-id")).isNotBlank();
    }

    // ---------------------------------------------------------------- errors

    @Test
    void serviceErrorsCarryTheirExtraElements() throws Exception {
        WireResponse response = gateway.handle(request("DELETE", "/b/dir/key.txt"));
        assertS3Error(response, 404, "NoSuchKey");
        Element root = xml(response);
        assertThat(text(root, "Message")).isEqualTo("The specified key does not exist.");
        assertThat(text(root, "Key")).isEqualTo("dir/key.txt");
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(body).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NoSuchKey</Code>"
                + "<Message>The specified key does not exist.</Message><Key>dir/key.txt</Key><RequestId>");
    }
}
