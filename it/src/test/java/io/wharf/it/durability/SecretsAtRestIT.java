package io.wharf.it.durability;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.server.Wharf;
import io.wharf.server.config.WharfConfig;
import io.wharf.storage.FsyncMode;
import io.wharf.storage.KeySpace;
import io.wharf.storage.RocksStore;
import io.wharf.storage.WriteBatch;
import io.wharf.storage.crypto.MasterKey;
import io.wharf.testkit.Clients;
import io.wharf.testkit.TrustingTls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The secrets Wharf keeps in its data directory — the SQS receipt-handle secret, the Kinesis iterator key, the SNS
 * signing key and the self-signed TLS key — are there only wrapped by the master key: no file holds them in plain,
 * they open only with that key, handles and iterators issued before a restart still work after it, and a data
 * directory written before secrets were wrapped starts and is migrated.
 */
class SecretsAtRestIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] SQS_PLAIN = bytes("receipt-secret");
    private static final byte[] SQS_WRAPPED = bytes("receipt-secret-wrapped");
    private static final byte[] KINESIS_PLAIN = bytes("iterator-key");
    private static final byte[] KINESIS_WRAPPED = bytes("iterator-key-wrapped");
    private static final byte[] SNS_RECORD = bytes("signing-key");

    @TempDir
    Path dataDir;

    private Wharf start() {
        return Wharf.start(WharfConfig.builder().port(0).tlsPort(0).dataDir(dataDir).kinesisTransitionMillis(0)
                .build());
    }

    /** What a client holds from before a restart. */
    private record Issued(String queueUrl, String receiptHandle, String shardIterator, X509Certificate certificate) {
    }

    private Issued issue() throws Exception {
        try (Wharf wharf = start(); SqsClient sqs = Clients.sqs(URI.create(wharf.endpoint()));
             KinesisClient kinesis = Clients.kinesis(URI.create(wharf.endpoint()))) {
            String url = sqs.createQueue(r -> r.queueName("secrets")).queueUrl();
            sqs.sendMessage(r -> r.queueUrl(url).messageBody("m"));
            String handle = sqs.receiveMessage(r -> r.queueUrl(url).visibilityTimeout(600)).messages().get(0)
                    .receiptHandle();
            kinesis.createStream(r -> r.streamName("secrets").shardCount(1));
            waitActive(kinesis);
            kinesis.putRecord(r -> r.streamName("secrets").partitionKey("k").data(SdkBytes.fromUtf8String("r")));
            String iterator = kinesis.getShardIterator(r -> r.streamName("secrets").shardId("shardId-000000000000")
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            return new Issued(url, handle, iterator, peerCertificate(wharf.tlsPort()));
        }
    }

    /** After a restart: the handle deletes, the iterator reads, the TLS port shows the same certificate. */
    private void stillValid(Issued issued) throws Exception {
        try (Wharf wharf = start(); SqsClient sqs = Clients.sqs(URI.create(wharf.endpoint()));
             KinesisClient kinesis = Clients.kinesis(URI.create(wharf.endpoint()))) {
            assertThat(peerCertificate(wharf.tlsPort())).isEqualTo(issued.certificate());
            List<Record> records = kinesis.getRecords(r -> r.shardIterator(issued.shardIterator())).records();
            assertThat(records).extracting(r -> r.data().asUtf8String()).containsExactly("r");
            sqs.deleteMessage(r -> r.queueUrl(issued.queueUrl()).receiptHandle(issued.receiptHandle()));
            assertThat(sqs.getQueueAttributes(r -> r.queueUrl(issued.queueUrl())
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                    .attributesAsStrings()).containsEntry("ApproximateNumberOfMessagesNotVisible", "0");
        }
    }

    @Test
    void noFileHoldsASecretInPlainAndEachOpensOnlyWithTheMasterKey() throws Exception {
        Issued issued = issue();
        stillValid(issued);

        MasterKey master = MasterKey.loadOrCreate(dataDir.resolve("master-key"));
        List<byte[]> secrets = new ArrayList<>();
        try (RocksStore store = RocksStore.open(dataDir.resolve("rocksdb"), FsyncMode.ALWAYS)) {
            KeySpace sqsMeta = store.keySpace("sqs.meta");
            KeySpace kinesisMeta = store.keySpace("kinesis.meta");
            KeySpace snsKeys = store.keySpace("sns.keys");
            assertThat(store.get(sqsMeta, SQS_PLAIN)).isNull();
            assertThat(store.get(kinesisMeta, KINESIS_PLAIN)).isNull();
            byte[] sqsWrapped = store.get(sqsMeta, SQS_WRAPPED);
            byte[] kinesisWrapped = store.get(kinesisMeta, KINESIS_WRAPPED);
            secrets.add(master.unwrap(sqsWrapped, "sqs receipt-handle key"));
            secrets.add(master.unwrap(kinesisWrapped, "kinesis shard-iterator key"));
            ObjectNode signing = (ObjectNode) JSON.readTree(store.get(snsKeys, SNS_RECORD));
            assertThat(signing.has("key")).isFalse();
            byte[] signingWrapped = Base64.getDecoder().decode(signing.path("wrappedKey").asText());
            secrets.add(master.unwrap(signingWrapped, "sns signing key"));
            MasterKey another = MasterKey.ephemeral();
            for (byte[] wrapped : List.of(sqsWrapped, kinesisWrapped, signingWrapped)) {
                assertThatThrownBy(() -> another.unwrap(wrapped, "sqs receipt-handle key"))
                        .isInstanceOf(MasterKey.WrongKeyException.class);
            }
        }
        Path tls = dataDir.resolve("tls");
        assertThat(tls.resolve("wharf-tls.key")).doesNotExist();
        String wrappedTls = Files.readString(tls.resolve("wharf-tls.key.wrapped"));
        secrets.add(master.unwrap(Base64.getMimeDecoder().decode(wrappedTls.substring(wrappedTls.indexOf('\n') + 1)),
                "tls private key"));

        for (byte[] secret : secrets) {
            // 32 bytes of each: the whole AES/HMAC keys; from the RSA keys' PKCS#8, past its fixed header
            byte[] sample = secret.length == 32 ? secret : Arrays.copyOfRange(secret, 64, 96);
            assertThat(filesContaining(sample)).as("files holding a secret in plain").isEmpty();
        }
        assertThat(filesContaining(bytes("PRIVATE KEY-----"))).isEmpty();
    }

    @Test
    void aDataDirWithPlainSecretsStartsAndIsMigrated() throws Exception {
        Issued issued = issue();
        MasterKey master = MasterKey.loadOrCreate(dataDir.resolve("master-key"));
        byte[][] plain = unwrapEverythingAsAnOlderWharfKeptIt(master);

        stillValid(issued);

        try (RocksStore store = RocksStore.open(dataDir.resolve("rocksdb"), FsyncMode.ALWAYS)) {
            KeySpace sqsMeta = store.keySpace("sqs.meta");
            KeySpace kinesisMeta = store.keySpace("kinesis.meta");
            assertThat(store.get(sqsMeta, SQS_PLAIN)).isNull();
            assertThat(store.get(kinesisMeta, KINESIS_PLAIN)).isNull();
            assertThat(master.unwrap(store.get(sqsMeta, SQS_WRAPPED), "sqs receipt-handle key")).isEqualTo(plain[0]);
            assertThat(master.unwrap(store.get(kinesisMeta, KINESIS_WRAPPED), "kinesis shard-iterator key"))
                    .isEqualTo(plain[1]);
            ObjectNode signing = (ObjectNode) JSON.readTree(store.get(store.keySpace("sns.keys"), SNS_RECORD));
            assertThat(signing.has("key")).isFalse();
            assertThat(master.unwrap(Base64.getDecoder().decode(signing.path("wrappedKey").asText()),
                    "sns signing key")).isEqualTo(plain[2]);
        }
        assertThat(dataDir.resolve("tls/wharf-tls.key")).doesNotExist();
        assertThat(Files.readString(dataDir.resolve("tls/wharf-tls.key.wrapped"))).doesNotContain("-----BEGIN");
    }

    /** Rewrites the data dir as Wharf kept it before wrapping; returns the SQS, Kinesis and SNS secrets. */
    private byte[][] unwrapEverythingAsAnOlderWharfKeptIt(MasterKey master) throws IOException {
        byte[][] plain = new byte[3][];
        try (RocksStore store = RocksStore.open(dataDir.resolve("rocksdb"), FsyncMode.ALWAYS)) {
            KeySpace sqsMeta = store.keySpace("sqs.meta");
            KeySpace kinesisMeta = store.keySpace("kinesis.meta");
            KeySpace snsKeys = store.keySpace("sns.keys");
            plain[0] = master.unwrap(store.get(sqsMeta, SQS_WRAPPED), "sqs receipt-handle key");
            plain[1] = master.unwrap(store.get(kinesisMeta, KINESIS_WRAPPED), "kinesis shard-iterator key");
            ObjectNode signing = (ObjectNode) JSON.readTree(store.get(snsKeys, SNS_RECORD));
            plain[2] = master.unwrap(Base64.getDecoder().decode(signing.path("wrappedKey").asText()),
                    "sns signing key");
            ObjectNode old = JSON.createObjectNode().put("key", Base64.getEncoder().encodeToString(plain[2]))
                    .put("certificate", signing.path("certificate").asText());
            store.commit(new WriteBatch().put(sqsMeta, SQS_PLAIN, plain[0]).delete(sqsMeta, SQS_WRAPPED)
                    .put(kinesisMeta, KINESIS_PLAIN, plain[1]).delete(kinesisMeta, KINESIS_WRAPPED)
                    .put(snsKeys, SNS_RECORD, JSON.writeValueAsBytes(old)));
        }
        Path tls = dataDir.resolve("tls");
        String wrapped = Files.readString(tls.resolve("wharf-tls.key.wrapped"));
        byte[] pkcs8 = master.unwrap(Base64.getMimeDecoder().decode(wrapped.substring(wrapped.indexOf('\n') + 1)),
                "tls private key");
        Files.writeString(tls.resolve("wharf-tls.key"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pkcs8) + "\n-----END PRIVATE KEY-----\n");
        Files.delete(tls.resolve("wharf-tls.key.wrapped"));
        return plain;
    }

    private List<Path> filesContaining(byte[] needle) throws IOException {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] content = Files.readAllBytes(file);
                for (int i = 0; i + needle.length <= content.length; i++) {
                    if (content[i] == needle[0] && Arrays.equals(content, i, i + needle.length, needle, 0,
                            needle.length)) {
                        found.add(file);
                        break;
                    }
                }
            }
        }
        return found;
    }

    private static void waitActive(KinesisClient kinesis) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            if (kinesis.describeStreamSummary(r -> r.streamName("secrets")).streamDescriptionSummary().streamStatus()
                    == software.amazon.awssdk.services.kinesis.model.StreamStatus.ACTIVE) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the stream never became ACTIVE");
    }

    /** The certificate the TLS port presents (trusting anything: only the certificate matters here). */
    private static X509Certificate peerCertificate(int port) throws Exception {
        SSLContext context = TrustingTls.context();
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
