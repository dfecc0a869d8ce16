package io.wharf.it.firehose;

import io.wharf.firehose.engine.StreamCounters;
import io.wharf.protocol.auth.AuthMode;
import io.wharf.server.Wharf;
import io.wharf.server.config.WharfConfig;
import io.wharf.testkit.Clients;
import io.wharf.testkit.WharfServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Firehose delivering into an S3 endpoint other than Wharf's own ({@code --firehose-s3-endpoint}): a second Wharf,
 * started with {@code --auth enforce} and a root key of its own, is that endpoint — a real, independent S3 that
 * verifies every SigV4 signature. The first Wharf is configured with the second's URL and key; its records arrive in
 * the second's bucket, never in its own bucket of the same name. A wrong secret writes nothing. An endpoint that is
 * down keeps the records buffered (and durable across a restart of the first Wharf) until it is back. Then the same
 * delivery into moto_server, where it is installed.
 */
class ExternalS3DeliveryIT {
    static final String REMOTE_KEY = "AKIDREMOTEWHARF";
    static final String REMOTE_SECRET = "remote-wharf-secret-key";
    static final Region REMOTE_REGION = Region.EU_WEST_1;
    static final String BUCKET = "landing";
    static final String ACCOUNT = "000000000000";

    @TempDir
    Path work;

    private static Wharf remote(int port, Path dataDir) {
        return Wharf.start(WharfConfig.builder().port(port).dataDir(dataDir).accountId("123456789012")
                .region(REMOTE_REGION.id()).auth(AuthMode.ENFORCE).rootAccessKeyId(REMOTE_KEY)
                .rootSecretAccessKey(REMOTE_SECRET).shutdownTimeout(java.time.Duration.ofSeconds(1)).build());
    }

    /** The Wharf under test, delivering to {@code endpoint}; its own auth as the suite's execution says. */
    private static Wharf local(Path dataDir, String endpoint, String secret) {
        WharfConfig.Builder config = WharfConfig.builder().port(0).dataDir(dataDir).firehoseTransitionMillis(0)
                .firehoseS3Endpoint(endpoint).firehoseS3Region(REMOTE_REGION.id()).firehoseS3AccessKeyId(REMOTE_KEY)
                .firehoseS3SecretAccessKey(secret).shutdownTimeout(java.time.Duration.ofSeconds(1));
        String mode = System.getProperty(WharfServerExtension.AUTH_PROPERTY, "");
        if (!mode.isBlank()) {
            AuthMode auth = AuthMode.valueOf(mode.strip().toUpperCase(java.util.Locale.ROOT));
            config.auth(auth);
            if (auth.verifiesSignatures()) {
                config.rootAccessKeyId(Clients.ACCESS_KEY_ID).rootSecretAccessKey(Clients.SECRET);
            }
        }
        return Wharf.start(config.build());
    }

    private static S3Client remoteS3(URI endpoint) {
        return Clients.s3Builder(endpoint).region(REMOTE_REGION).credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(REMOTE_KEY, REMOTE_SECRET))).build();
    }

    private static void createStream(FirehoseClient firehose, String name) {
        firehose.createDeliveryStream(r -> r.deliveryStreamName(name)
                .extendedS3DestinationConfiguration(d -> d.roleARN("arn:aws:iam::000000000000:role/firehose")
                        .bucketARN("arn:aws:s3:::" + BUCKET).prefix(name + "/")
                        .bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(0))));
    }

    private static List<String> put(FirehoseClient firehose, String stream, String tag, int count) {
        List<Record> records = IntStream.range(0, count).mapToObj(i -> Record.builder()
                .data(SdkBytes.fromUtf8String(tag + "-" + i + "\n")).build()).toList();
        assertThat(firehose.putRecordBatch(r -> r.deliveryStreamName(stream).records(records)).failedPutCount()).isZero();
        return records.stream().map(r -> r.data().asUtf8String()).toList();
    }

    /** Every line of every object under {@code prefix}; each object's ETag checked against its bytes' MD5. */
    private static List<String> lines(S3Client s3, String prefix) {
        List<String> lines = new ArrayList<>();
        for (S3Object object : s3.listObjectsV2Paginator(r -> r.bucket(BUCKET).prefix(prefix)).contents()) {
            byte[] bytes = s3.getObjectAsBytes(r -> r.bucket(BUCKET).key(object.key())).asByteArray();
            assertThat(object.eTag()).isEqualTo("\"" + md5(bytes) + "\"");
            new String(bytes, StandardCharsets.UTF_8).lines().forEach(l -> lines.add(l + "\n"));
        }
        return lines;
    }

    private static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits (bounded) for a condition; the assertion that follows says what was expected. */
    private static void await(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 600 && !condition.getAsBoolean(); i++) {
            Thread.sleep(50);
        }
    }

    private static StreamCounters.Snapshot counters(Wharf wharf, String stream) {
        return wharf.firehose().engine().counters(stream, ACCOUNT, "us-east-1");
    }

    @Test
    void recordsArriveInTheOtherWharfAndNotInItsOwn() throws Exception {
        try (Wharf remote = remote(0, work.resolve("remote")); S3Client remoteS3 = remoteS3(URI.create(remote.endpoint()));
             Wharf local = local(work.resolve("local"), remote.endpoint(), REMOTE_SECRET);
             S3Client localS3 = Clients.s3(URI.create(local.endpoint()));
             FirehoseClient firehose = Clients.firehose(URI.create(local.endpoint()))) {
            remoteS3.createBucket(r -> r.bucket(BUCKET));
            localS3.createBucket(r -> r.bucket(BUCKET)); // same name here: nothing may land in it
            createStream(firehose, "outward");
            List<String> sent = new ArrayList<>(put(firehose, "outward", "a", 40));
            sent.addAll(put(firehose, "outward", "b", 40));
            await(() -> lines(remoteS3, "outward/").size() >= sent.size());
            assertThat(lines(remoteS3, "outward/")).containsExactlyInAnyOrderElementsOf(sent);
            assertThat(remoteS3.listObjectsV2(r -> r.bucket(BUCKET)).contents())
                    .allSatisfy(o -> assertThat(o.key()).matches("outward/\\d{4}/\\d{2}/\\d{2}/\\d{2}/outward-1-"
                            + "\\d{4}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-[0-9a-f-]{36}"));
            assertThat(localS3.listObjectsV2(r -> r.bucket(BUCKET)).contents()).isEmpty();
            assertThat(counters(local, "outward").recordsDelivered()).isEqualTo(sent.size());
        }
    }

    @Test
    void aWrongSecretIsRefusedByTheEndpointAndTheRecordsStay() throws Exception {
        try (Wharf remote = remote(0, work.resolve("remote")); S3Client remoteS3 = remoteS3(URI.create(remote.endpoint()));
             Wharf local = local(work.resolve("local"), remote.endpoint(), "not-the-secret");
             FirehoseClient firehose = Clients.firehose(URI.create(local.endpoint()))) {
            remoteS3.createBucket(r -> r.bucket(BUCKET));
            createStream(firehose, "refused");
            put(firehose, "refused", "x", 5);
            await(() -> counters(local, "refused").deliveryFailures() > 0);
            assertThat(counters(local, "refused").deliveryFailures()).isPositive();
            assertThat(counters(local, "refused").recordsDelivered()).isZero();
            assertThat(remoteS3.listObjectsV2(r -> r.bucket(BUCKET)).contents()).isEmpty();
        }
    }

    @Test
    void anEndpointThatIsDownKeepsTheRecordsUntilItIsBackAlsoAcrossARestart() throws Exception {
        Path remoteData = work.resolve("remote");
        Path localData = work.resolve("local");
        int port;
        String endpoint;
        try (Wharf remote = remote(0, remoteData); S3Client remoteS3 = remoteS3(URI.create(remote.endpoint()))) {
            remoteS3.createBucket(r -> r.bucket(BUCKET));
            endpoint = remote.endpoint();
            port = URI.create(endpoint).getPort();
        }
        List<String> sent = new ArrayList<>();
        try (Wharf local = local(localData, endpoint, REMOTE_SECRET);
             FirehoseClient firehose = Clients.firehose(URI.create(local.endpoint()))) {
            createStream(firehose, "patient");
            sent.addAll(put(firehose, "patient", "down", 30));
            await(() -> counters(local, "patient").deliveryFailures() > 0);
            assertThat(counters(local, "patient").deliveryFailures()).isPositive();
            assertThat(counters(local, "patient").recordsDelivered()).isZero();
            // the endpoint comes back while this Wharf runs: the retry delivers
            try (Wharf remote = remote(port, remoteData); S3Client remoteS3 = remoteS3(URI.create(remote.endpoint()))) {
                await(() -> counters(local, "patient").recordsDelivered() >= 30);
                assertThat(lines(remoteS3, "patient/")).containsExactlyInAnyOrderElementsOf(sent);
            }
            // down again; these records are acknowledged, then this Wharf stops before it could deliver them
            long failuresBefore = counters(local, "patient").deliveryFailures();
            sent.addAll(put(firehose, "patient", "restart", 30));
            await(() -> counters(local, "patient").deliveryFailures() > failuresBefore);
            assertThat(counters(local, "patient").recordsDelivered()).isEqualTo(30);
        }
        try (Wharf remote = remote(port, remoteData); S3Client remoteS3 = remoteS3(URI.create(remote.endpoint()));
             Wharf local = local(localData, endpoint, REMOTE_SECRET)) {
            await(() -> lines(remoteS3, "patient/").size() >= sent.size());
            assertThat(lines(remoteS3, "patient/")).containsExactlyInAnyOrderElementsOf(sent);
            assertThat(counters(local, "patient").recordsDelivered()).isEqualTo(30);
        }
    }

    @Test
    void recordsArriveInMotoServer() throws Exception {
        assumeTrue(motoInstalled(), "moto_server is not on PATH");
        // moto checks no signature, so the enforce execution would prove nothing more; its start costs 10-20 s here
        assumeFalse("enforce".equalsIgnoreCase(System.getProperty(WharfServerExtension.AUTH_PROPERTY, "").strip()),
                "run once, in the default execution");
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Process moto = new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", Integer.toString(port))
                .redirectErrorStream(true).start();
        try {
            awaitMoto(moto);
            URI motoEndpoint = URI.create("http://127.0.0.1:" + port);
            try (S3Client motoS3 = remoteS3(motoEndpoint);
                 Wharf local = local(work.resolve("local"), motoEndpoint.toString(), REMOTE_SECRET);
                 FirehoseClient firehose = Clients.firehose(URI.create(local.endpoint()))) {
                motoS3.createBucket(r -> r.bucket(BUCKET).createBucketConfiguration(
                        c -> c.locationConstraint(REMOTE_REGION.id())));
                createStream(firehose, "to-moto");
                List<String> sent = put(firehose, "to-moto", "m", 25);
                await(() -> counters(local, "to-moto").recordsDelivered() >= sent.size());
                assertThat(lines(motoS3, "to-moto/")).containsExactlyInAnyOrderElementsOf(sent);
            }
        } finally {
            moto.destroy();
            if (!moto.waitFor(10, TimeUnit.SECONDS)) {
                moto.destroyForcibly();
            }
        }
    }

    private static boolean motoInstalled() {
        try {
            return new ProcessBuilder("moto_server", "--help").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Reads moto's output until it says it listens (werkzeug's "Running on"); its later output is drained. */
    private static void awaitMoto(Process moto) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(moto.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.contains("Running on")) {
                Thread.ofVirtual().start(() -> {
                    try {
                        while (out.readLine() != null) {
                            // drained so moto never blocks on a full pipe
                        }
                    } catch (IOException ignored) {
                        // moto stopped
                    }
                });
                return;
            }
        }
        throw new IllegalStateException("moto_server exited before it listened");
    }
}
