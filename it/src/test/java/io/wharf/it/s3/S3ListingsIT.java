package io.wharf.it.s3;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** ListObjectsV2 and ListObjects through the SDK: prefix, delimiter, paging, start-after, marker, url encoding. */
class S3ListingsIT extends S3TestBase {
    private String bucket;

    @BeforeEach
    void objects() {
        bucket = bucket();
        for (String k : List.of("a.txt", "dir/one", "dir/two", "dir/sub/three", "other/x", "z z")) {
            put(bucket, k, "v");
        }
    }

    @Test
    void v2WithPrefixDelimiterAndPages() {
        ListObjectsV2Response top = s3.listObjectsV2(r -> r.bucket(bucket).delimiter("/"));
        assertThat(top.contents()).extracting(S3Object::key).containsExactly("a.txt", "z z");
        assertThat(top.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("dir/", "other/");
        assertThat(top.keyCount()).isEqualTo(4);
        assertThat(top.isTruncated()).isFalse();
        assertThat(top.contents().get(0).size()).isEqualTo(1);
        ListObjectsV2Response dir = s3.listObjectsV2(r -> r.bucket(bucket).prefix("dir/").delimiter("/"));
        assertThat(dir.contents()).extracting(S3Object::key).containsExactly("dir/one", "dir/two");
        assertThat(dir.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("dir/sub/");

        List<String> keys = new ArrayList<>();
        s3.listObjectsV2Paginator(r -> r.bucket(bucket).maxKeys(2)).contents().forEach(o -> keys.add(o.key()));
        assertThat(keys).containsExactly("a.txt", "dir/one", "dir/sub/three", "dir/two", "other/x", "z z");
        ListObjectsV2Response first = s3.listObjectsV2(r -> r.bucket(bucket).maxKeys(2));
        assertThat(first.isTruncated()).isTrue();
        assertThat(first.nextContinuationToken()).isNotNull();
        assertThat(s3.listObjectsV2(r -> r.bucket(bucket).startAfter("dir/two")).contents()).extracting(S3Object::key)
                .containsExactly("other/x", "z z");
        assertError(() -> s3.listObjectsV2(r -> r.bucket(bucket).continuationToken("%%")), 400, "InvalidArgument");
        assertError(() -> s3.listObjectsV2(r -> r.bucket("no-such-bucket-x")), 404, "NoSuchBucket");
    }

    @Test
    void v1WithMarker() {
        var page = s3.listObjects(r -> r.bucket(bucket).maxKeys(3));
        assertThat(page.contents()).extracting(S3Object::key).containsExactly("a.txt", "dir/one", "dir/sub/three");
        assertThat(page.isTruncated()).isTrue();
        var next = s3.listObjects(r -> r.bucket(bucket).marker("dir/sub/three"));
        assertThat(next.contents()).extracting(S3Object::key).containsExactly("dir/two", "other/x", "z z");
        var delimited = s3.listObjects(r -> r.bucket(bucket).delimiter("/").maxKeys(2));
        assertThat(delimited.nextMarker()).isEqualTo("dir/");
    }

    @Test
    void urlEncoding() {
        // the SDK decodes url-encoded keys itself
        var listed = s3.listObjectsV2(r -> r.bucket(bucket).prefix("z").encodingType(EncodingType.URL));
        assertThat(listed.contents()).extracting(S3Object::key).containsExactly("z z");
    }
}
