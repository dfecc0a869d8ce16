package io.wharf.s3.engine;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ListingsTest extends EngineFixture {

    @BeforeEach
    void objects() {
        bucket("bkt");
        for (String k : List.of("a.txt", "dir/one", "dir/two", "dir/sub/three", "other/x", "z", "\uD83D\uDE00emoji",
                "\uFFFDreplacement")) {
            put("bkt", k, "v");
        }
    }

    private static List<String> keys(Listings.Page page) {
        return page.contents().stream().map(StoredObject::key).toList();
    }

    @Test
    void keysComeInUtf8Order() {
        Listings.Page page = engine().listings().list("bkt", null, null, null, 1000);
        // U+FFFD sorts before U+1F600 in UTF-8 (and code points), after it in UTF-16
        assertThat(keys(page)).containsExactly("a.txt", "dir/one", "dir/sub/three", "dir/two", "other/x", "z",
                "\uFFFDreplacement", "\uD83D\uDE00emoji");
        assertThat(page.truncated()).isFalse();
        assertThat(page.keyCount()).isEqualTo(8);
    }

    @Test
    void prefixAndDelimiter() {
        Listings.Page page = engine().listings().list("bkt", "dir/", "/", null, 1000);
        assertThat(keys(page)).containsExactly("dir/one", "dir/two");
        assertThat(page.commonPrefixes()).containsExactly("dir/sub/");
        Listings.Page top = engine().listings().list("bkt", null, "/", null, 1000);
        assertThat(keys(top)).containsExactly("a.txt", "z", "\uFFFDreplacement", "\uD83D\uDE00emoji");
        assertThat(top.commonPrefixes()).containsExactly("dir/", "other/");
        assertThat(engine().listings().list("bkt", "nothing", null, null, 1000).keyCount()).isZero();
    }

    @Test
    void pagesResumeAfterTheLastKeyOrPrefix() {
        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            Listings.Page page = engine().listings().list("bkt", null, "/", after, 2);
            seen.addAll(keys(page));
            seen.addAll(page.commonPrefixes());
            after = page.truncated() ? Listings.fromToken(Listings.token(page.last())) : null;
            pages++;
        } while (after != null);
        assertThat(seen).containsExactlyInAnyOrder("a.txt", "dir/", "other/", "z", "\uFFFDreplacement",
                "\uD83D\uDE00emoji");
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void startAfterAndMaxKeys() {
        assertThat(keys(engine().listings().list("bkt", null, null, "dir/two", 2))).containsExactly("other/x", "z");
        Listings.Page none = engine().listings().list("bkt", null, null, null, 0);
        assertThat(none.keyCount()).isZero();
        assertThat(none.truncated()).isTrue();
        assertThat(code(() -> engine().listings().list("bkt", null, null, null, -1))).isEqualTo("InvalidArgument");
        assertThat(code(() -> Listings.fromToken("%%%"))).isEqualTo("InvalidArgument");
        assertThat(code(() -> engine().listings().list("missing-bucket", null, null, null, 10)))
                .isEqualTo("NoSuchBucket");
    }
}
