package io.wharf.it.s3.aws;

import io.wharf.testkit.Clients;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * S3 through the AWS CLI ({@code aws s3}: mb, cp, ls, sync, rm, rb, presign, a 40 MiB file the CLI splits into
 * parts; {@code aws s3api}) and boto3 (upload_file, download_file, list_objects_v2, generate_presigned_url), where
 * installed (skipped cleanly where not). botocore's serialiser, its CRC32 header checksums and s3transfer's
 * multipart are other code than the Java SDK's. The config asks for SigV4 presigning (CLI v1 presigns with SigV2 by
 * default, which S3 refuses for buckets made since 2020).
 */
class S3CliIT extends S3TestBase {
    private static final long TIMEOUT_SECONDS = 120;

    @TempDir
    static Path home;

    private record Run(int exit, String out) {
    }

    @BeforeAll
    static void config() throws IOException {
        Files.writeString(home.resolve("config"), String.join("\n", "[default]", "region = us-east-1",
                "s3 =", "    signature_version = s3v4", ""));
    }

    private static Run run(List<String> command) throws Exception {
        Path output = Files.createTempFile(home, "cli", ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        Map<String, String> env = builder.environment();
        env.put("AWS_ACCESS_KEY_ID", Clients.ACCESS_KEY_ID);
        env.put("AWS_SECRET_ACCESS_KEY", Clients.SECRET);
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_CONFIG_FILE", home.resolve("config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("credentials-none").toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_PAGER", "");
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError(command + " did not finish within " + TIMEOUT_SECONDS + " s: "
                    + Files.readString(output));
        }
        return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    private static boolean available(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static List<String> aws(String... args) {
        List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", endpoint().toString(), "--output",
                "json"));
        command.addAll(List.of(args));
        return command;
    }

    private static Run ok(List<String> command) throws Exception {
        Run run = run(command);
        assertThat(run.exit()).as("%s answered %s", command, run.out()).isZero();
        return run;
    }

    @Test
    void awsS3HighLevelCommands(@TempDir Path dir) throws Exception {
        assumeTrue(available("aws", "--version"), "AWS CLI not installed");
        String bucket = uniqueBucket("cli");
        ok(aws("s3", "mb", "s3://" + bucket));
        assertThat(ok(aws("s3", "ls")).out()).contains(bucket);

        byte[] big = bytes(40 * 1024 * 1024, 40);
        Path bigFile = Files.write(dir.resolve("big.bin"), big);
        ok(aws("s3", "cp", bigFile.toString(), "s3://" + bucket + "/big/big.bin"));
        var head = s3().headObject(r -> r.bucket(bucket).key("big/big.bin"));
        assertThat(head.contentLength()).isEqualTo(big.length);
        assertThat(head.eTag()).as("the CLI uploads 40 MiB in 8 MiB parts").endsWith("-5\"");
        Path back = dir.resolve("back.bin");
        ok(aws("s3", "cp", "s3://" + bucket + "/big/big.bin", back.toString()));
        assertThat(Files.mismatch(bigFile, back)).isEqualTo(-1L);

        Path tree = Files.createDirectories(dir.resolve("tree/sub"));
        Files.writeString(dir.resolve("tree/a.txt"), "alpha");
        Files.writeString(tree.resolve("b.txt"), "beta");
        Files.writeString(tree.resolve("c d.txt"), "with a space");
        ok(aws("s3", "sync", dir.resolve("tree").toString(), "s3://" + bucket + "/tree"));
        String listed = ok(aws("s3", "ls", "--recursive", "s3://" + bucket + "/tree/")).out();
        assertThat(listed).contains("tree/a.txt").contains("tree/sub/b.txt").contains("tree/sub/c d.txt");
        assertThat(ok(aws("s3", "ls", "s3://" + bucket + "/tree/")).out()).contains("PRE sub/").contains("a.txt");
        // a second sync has nothing to do
        assertThat(ok(aws("s3", "sync", dir.resolve("tree").toString(), "s3://" + bucket + "/tree")).out()).isBlank();
        Path down = dir.resolve("down");
        ok(aws("s3", "sync", "s3://" + bucket + "/tree", down.toString()));
        assertThat(Files.readString(down.resolve("sub/c d.txt"))).isEqualTo("with a space");

        String url = ok(aws("s3", "presign", "s3://" + bucket + "/tree/a.txt", "--expires-in", "300")).out().strip();
        assertThat(url).contains("X-Amz-Signature=");
        HttpResponse<String> fetched = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.body()).isEqualTo("alpha");

        ok(aws("s3", "rm", "s3://" + bucket + "/big/big.bin"));
        Run notEmpty = run(aws("s3", "rb", "s3://" + bucket));
        assertThat(notEmpty.exit()).isNotZero();
        assertThat(notEmpty.out()).contains("BucketNotEmpty");
        ok(aws("s3", "rm", "--recursive", "s3://" + bucket));
        ok(aws("s3", "rb", "s3://" + bucket));
        assertThat(ok(aws("s3", "ls")).out()).doesNotContain(bucket);
        Run missing = run(aws("s3", "ls", "s3://" + bucket));
        assertThat(missing.exit()).isNotZero();
        assertThat(missing.out()).contains("NoSuchBucket");
    }

    @Test
    void awsS3api(@TempDir Path dir) throws Exception {
        assumeTrue(available("aws", "--version"), "AWS CLI not installed");
        String bucket = bucket("s3api");
        Path body = Files.writeString(dir.resolve("body.json"), "{\"from\":\"s3api\"}");
        String put = ok(aws("s3api", "put-object", "--bucket", bucket, "--key", "k/obj.json", "--body", body.toString(),
                "--content-type", "application/json", "--metadata", "origin=cli")).out();
        assertThat(put).contains("\"ETag\": \"\\\"" + etagOf(Files.readAllBytes(body)).replace("\"", "") + "\\\"\"");
        String headed = ok(aws("s3api", "head-object", "--bucket", bucket, "--key", "k/obj.json")).out();
        assertThat(headed).contains("\"ContentType\": \"application/json\"").contains("\"origin\": \"cli\"")
                .contains("\"ContentLength\": 16");
        Path out = dir.resolve("out.json");
        String got = ok(aws("s3api", "get-object", "--bucket", bucket, "--key", "k/obj.json", "--range", "bytes=2-5",
                out.toString())).out();
        assertThat(got).contains("\"ContentRange\": \"bytes 2-5/16\"");
        assertThat(Files.readString(out)).isEqualTo("from");
        s3().putObject(r -> r.bucket(bucket).key("k/second"), RequestBody.fromString("2"));
        String listed = ok(aws("s3api", "list-objects-v2", "--bucket", bucket, "--prefix", "k/")).out();
        // the CLI pages through every answer itself and prints the merged contents
        assertThat(listed).contains("\"Key\": \"k/obj.json\"").contains("\"Key\": \"k/second\"")
                .contains("\"Size\": 16");
        Run missing = run(aws("s3api", "get-object", "--bucket", bucket, "--key", "nope", out.toString()));
        assertThat(missing.exit()).isNotZero();
        assertThat(missing.out()).contains("NoSuchKey");
        Run headMissing = run(aws("s3api", "head-object", "--bucket", bucket, "--key", "nope"));
        assertThat(headMissing.exit()).isNotZero();
        assertThat(headMissing.out()).contains("404");
    }

    @Test
    void boto3(@TempDir Path dir) throws Exception {
        assumeTrue(available("python3", "-c", "import boto3"), "boto3 not installed");
        String bucket = uniqueBucket("boto");
        Path source = Files.write(dir.resolve("up.bin"), bytes(9 * 1024 * 1024 + 3, 9));
        String script = String.join("\n",
                "import boto3, sys, urllib.request",
                "from boto3.s3.transfer import TransferConfig",
                "from botocore.config import Config",
                "endpoint, bucket, source, target = sys.argv[1:5]",
                "s3 = boto3.client('s3', endpoint_url=endpoint, region_name='us-east-1',",
                "                  config=Config(signature_version='s3v4'))",
                "s3.create_bucket(Bucket=bucket)",
                "cfg = TransferConfig(multipart_threshold=5 * 1024 * 1024, multipart_chunksize=5 * 1024 * 1024)",
                "s3.upload_file(source, bucket, 'dir/up.bin', Config=cfg)",
                "head = s3.head_object(Bucket=bucket, Key='dir/up.bin')",
                "print('etag', head['ETag'], 'length', head['ContentLength'])",
                "s3.download_file(bucket, 'dir/up.bin', target, Config=cfg)",
                "s3.put_object(Bucket=bucket, Key='dir/small.txt', Body=b'small')",
                "keys = [o['Key'] for o in s3.list_objects_v2(Bucket=bucket, Prefix='dir/')['Contents']]",
                "print('keys', keys)",
                "url = s3.generate_presigned_url('get_object', Params={'Bucket': bucket, 'Key': 'dir/small.txt'},",
                "                                ExpiresIn=300)",
                "print('presigned', urllib.request.urlopen(url).read().decode())",
                "try:",
                "    s3.get_object(Bucket=bucket, Key='missing')",
                "    raise SystemExit('expected an error')",
                "except s3.exceptions.NoSuchKey as e:",
                "    print('code', e.response['Error']['Code'], e.response['ResponseMetadata']['HTTPStatusCode'])",
                "print('ok')");
        Path target = dir.resolve("down.bin");
        Run run = run(List.of("python3", "-c", script, endpoint().toString(), bucket, source.toString(),
                target.toString()));
        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(run.out()).contains("etag \"").contains("-2\" length " + Files.size(source))
                .contains("keys ['dir/small.txt', 'dir/up.bin']").contains("presigned small")
                .contains("code NoSuchKey 404").contains("ok");
        assertThat(Files.mismatch(source, target)).isEqualTo(-1L);
    }
}
