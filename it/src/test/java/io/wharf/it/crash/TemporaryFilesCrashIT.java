package io.wharf.it.crash;

import io.wharf.testkit.Clients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a Wharf killed with SIGKILL leaves in its temporary directory ({@code java.io.tmpdir}, here a directory of the
 * test's own): a durable one nothing at all (RocksDB's native library, 15 MB, used to stay behind at every kill); an
 * in-memory one its temporary root, with its S3 objects, which the next Wharf to start deletes.
 */
class TemporaryFilesCrashIT {
    @TempDir
    Path dataDir;
    @TempDir
    Path tmp;

    @Test
    void aDurableWharfKilledLeavesNothingInTheTemporaryDirectory() throws Exception {
        try (WharfProcess wharf = WharfProcess.start(List.of("-Djava.io.tmpdir=" + tmp), dataDir)) {
            SqsClient sqs = Clients.sqs(wharf.endpoint());
            String url = sqs.createQueue(b -> b.queueName("kept")).queueUrl();
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("on disk"));
            S3Client s3 = Clients.s3(wharf.endpoint());
            s3.createBucket(b -> b.bucket("kept"));
            s3.putObject(b -> b.bucket("kept").key("object"), RequestBody.fromBytes(new byte[200_000]));
            wharf.kill9();
        }
        assertThat(entries(tmp)).isEmpty();
        try (WharfProcess wharf = WharfProcess.start(List.of("-Djava.io.tmpdir=" + tmp), dataDir)) {
            assertThat(Clients.sqs(wharf.endpoint()).receiveMessage(b -> b.queueUrl(
                    Clients.sqs(wharf.endpoint()).getQueueUrl(q -> q.queueName("kept")).queueUrl())).messages())
                    .singleElement().satisfies(message -> assertThat(message.body()).isEqualTo("on disk"));
            assertThat(wharf.terminate()).isIn(0, 143); // 143: the JVM's exit on SIGTERM, after the shutdown hooks
        }
        assertThat(entries(tmp)).isEmpty();
    }

    @Test
    void anInMemoryWharfKilledLeavesItsRootWhichTheNextOneDeletes() throws Exception {
        try (WharfProcess wharf = WharfProcess.start(List.of("-Djava.io.tmpdir=" + tmp), dataDir, "--in-memory")) {
            S3Client s3 = Clients.s3(wharf.endpoint());
            s3.createBucket(b -> b.bucket("scratch"));
            s3.putObject(b -> b.bucket("scratch").key("object"), RequestBody.fromBytes(new byte[200_000]));
            wharf.kill9();
        }
        List<Path> left = entries(tmp);
        assertThat(left).singleElement().satisfies(root -> assertThat(root.getFileName().toString()).startsWith("wharf-tmp-"));
        Path abandoned = left.getFirst();
        try (Stream<Path> files = Files.walk(abandoned)) {
            assertThat(files.filter(Files::isRegularFile).mapToLong(TemporaryFilesCrashIT::size).sum())
                    .isGreaterThanOrEqualTo(200_000); // the object was there, in the killed process's root
        }
        // The next Wharf leaves alone a root changed within the last minute (one being made): age this one.
        Files.setLastModifiedTime(abandoned, FileTime.from(Instant.now().minus(Duration.ofMinutes(2))));

        try (WharfProcess wharf = WharfProcess.start(List.of("-Djava.io.tmpdir=" + tmp), dataDir, "--in-memory")) {
            assertThat(abandoned).doesNotExist();
            assertThat(entries(tmp)).singleElement()
                    .satisfies(root -> assertThat(root.getFileName().toString()).startsWith("wharf-tmp-"));
            assertThat(wharf.terminate()).isIn(0, 143); // 143: the JVM's exit on SIGTERM, after the shutdown hooks
        }
        assertThat(entries(tmp)).isEmpty(); // a clean stop takes its own root with it
    }

    private static List<Path> entries(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.toList();
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
