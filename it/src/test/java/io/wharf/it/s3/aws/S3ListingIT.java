package io.wharf.it.s3.aws;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Listing 1,100 keys as AWS does: UTF-8 binary order, 1,000 keys a page by default, continuation tokens (V2) and
 * markers (V1), prefixes and delimiters rolled up into CommonPrefixes, StartAfter, and keys that need URL encoding
 * (the SDK asks for {@code encoding-type=url} and decodes the answer).
 */
class S3ListingIT extends S3TestBase {
    private static String bucket;
    private static final List<String> KEYS = new ArrayList<>();

    @BeforeAll
    static void thousandOneHundredKeys() throws Exception {
        bucket = bucket("listing");
        for (int i = 0; i < 1000; i++) {
            KEYS.add(String.format("logs/2024/%02d/entry-%04d.log", i % 12 + 1, i));
        }
        for (int i = 0; i < 90; i++) {
            KEYS.add(String.format("photos/img-%03d.jpg", i));
        }
        KEYS.addAll(List.of("a", "a b", "a+b", "a%b", "a/b", "z", "ünï/1", "ünï/2", "Zebra", "_under"));
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<?>> puts = new ArrayList<>();
            for (String key : KEYS) {
                puts.add(pool.submit(() -> s3().putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString(key))));
            }
            for (Future<?> put : puts) {
                put.get();
            }
        }
        // S3 lists keys in the binary order of their UTF-8 bytes
        KEYS.sort(Comparator.comparing(key -> key.getBytes(StandardCharsets.UTF_8), java.util.Arrays::compareUnsigned));
    }

    @Test
    void v2PagesByAThousandWithAContinuationToken() {
        ListObjectsV2Response first = s3().listObjectsV2(r -> r.bucket(bucket));
        assertThat(KEYS).hasSize(1100);
        assertThat(first.keyCount()).isEqualTo(1000);
        assertThat(first.maxKeys()).isEqualTo(1000);
        assertThat(first.isTruncated()).isTrue();
        assertThat(first.nextContinuationToken()).isNotBlank();
        assertThat(first.contents()).extracting(S3Object::key).containsExactlyElementsOf(KEYS.subList(0, 1000));
        ListObjectsV2Response second = s3().listObjectsV2(r -> r.bucket(bucket)
                .continuationToken(first.nextContinuationToken()));
        assertThat(second.isTruncated()).isFalse();
        assertThat(second.nextContinuationToken()).isNull();
        assertThat(second.continuationToken()).isEqualTo(first.nextContinuationToken());
        assertThat(second.contents()).extracting(S3Object::key).containsExactlyElementsOf(KEYS.subList(1000, 1100));
        S3Object one = first.contents().getFirst();
        assertThat(one.size()).isEqualTo(one.key().getBytes(StandardCharsets.UTF_8).length);
        assertThat(one.eTag()).isEqualTo(etagOf(one.key().getBytes(StandardCharsets.UTF_8)));
        assertThat(one.lastModified()).isNotNull();
        assertThat(one.storageClassAsString()).isEqualTo("STANDARD");
    }

    @Test
    void thePaginatorWalksEveryKeyInOrder() {
        List<String> seen = new ArrayList<>();
        s3().listObjectsV2Paginator(r -> r.bucket(bucket).maxKeys(250)).forEach(page -> {
            assertThat(page.keyCount()).isLessThanOrEqualTo(250);
            page.contents().forEach(o -> seen.add(o.key()));
        });
        assertThat(seen).containsExactlyElementsOf(KEYS);
    }

    @Test
    void aDelimiterRollsKeysUpIntoCommonPrefixes() {
        ListObjectsV2Response top = s3().listObjectsV2(r -> r.bucket(bucket).delimiter("/"));
        assertThat(top.commonPrefixes()).extracting(CommonPrefix::prefix)
                .containsExactly("a/", "logs/", "photos/", "ünï/");
        assertThat(top.contents()).extracting(S3Object::key).containsExactly("Zebra", "_under", "a", "a b", "a%b",
                "a+b", "z");
        assertThat(top.keyCount()).isEqualTo(11);

        ListObjectsV2Response months = s3().listObjectsV2(r -> r.bucket(bucket).prefix("logs/2024/").delimiter("/"));
        assertThat(months.commonPrefixes()).hasSize(12);
        assertThat(months.commonPrefixes().getFirst().prefix()).isEqualTo("logs/2024/01/");
        assertThat(months.contents()).isEmpty();
        assertThat(months.prefix()).isEqualTo("logs/2024/");
        assertThat(months.delimiter()).isEqualTo("/");
    }

    @Test
    void commonPrefixesCountTowardMaxKeys() {
        ListObjectsV2Response page = s3().listObjectsV2(r -> r.bucket(bucket).delimiter("/").maxKeys(3));
        assertThat(page.keyCount()).isEqualTo(3);
        assertThat(page.isTruncated()).isTrue();
        ListObjectsV2Response rest = s3().listObjectsV2(r -> r.bucket(bucket).delimiter("/")
                .continuationToken(page.nextContinuationToken()));
        List<String> all = new ArrayList<>();
        for (ListObjectsV2Response p : List.of(page, rest)) {
            p.contents().forEach(o -> all.add(o.key()));
            p.commonPrefixes().forEach(c -> all.add(c.prefix()));
        }
        assertThat(all).containsExactlyInAnyOrder("Zebra", "_under", "a", "a b", "a%b", "a+b", "z", "a/", "logs/",
                "photos/", "ünï/");
    }

    @Test
    void startAfterAndPrefix() {
        ListObjectsV2Response photos = s3().listObjectsV2(r -> r.bucket(bucket).prefix("photos/")
                .startAfter("photos/img-085.jpg"));
        assertThat(photos.contents()).extracting(S3Object::key).containsExactly("photos/img-086.jpg",
                "photos/img-087.jpg", "photos/img-088.jpg", "photos/img-089.jpg");
        assertThat(s3().listObjectsV2(r -> r.bucket(bucket).prefix("nothing-here/")).keyCount()).isZero();
        assertThat(s3().listObjectsV2(r -> r.bucket(bucket).prefix("ünï/")).contents())
                .extracting(S3Object::key).containsExactly("ünï/1", "ünï/2");
    }

    @Test
    void v1PagesWithMarkers() {
        ListObjectsResponse first = s3().listObjects(r -> r.bucket(bucket));
        assertThat(first.contents()).hasSize(1000);
        assertThat(first.isTruncated()).isTrue();
        assertThat(first.maxKeys()).isEqualTo(1000);
        // without a delimiter V1 has no NextMarker: the next marker is the last key listed
        String marker = first.contents().getLast().key();
        ListObjectsResponse second = s3().listObjects(r -> r.bucket(bucket).marker(marker));
        assertThat(second.isTruncated()).isFalse();
        assertThat(second.marker()).isEqualTo(marker);
        assertThat(second.contents()).extracting(S3Object::key).containsExactlyElementsOf(KEYS.subList(1000, 1100));

        ListObjectsResponse delimited = s3().listObjects(r -> r.bucket(bucket).delimiter("/").maxKeys(2));
        assertThat(delimited.isTruncated()).isTrue();
        assertThat(delimited.nextMarker()).as("with a delimiter V1 answers NextMarker").isEqualTo("_under");
        assertThat(delimited.contents()).extracting(S3Object::key).containsExactly("Zebra", "_under");
    }

    @Test
    void anEmptyBucketListsNothing() {
        String empty = bucket("empty");
        ListObjectsV2Response listed = s3().listObjectsV2(r -> r.bucket(empty));
        assertThat(listed.keyCount()).isZero();
        assertThat(listed.contents()).isEmpty();
        assertThat(listed.isTruncated()).isFalse();
        assertThat(listed.name()).isEqualTo(empty);
    }
}
