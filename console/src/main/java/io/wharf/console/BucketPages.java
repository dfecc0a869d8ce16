package io.wharf.console;

import io.wharf.console.view.BucketRow;
import io.wharf.console.view.BucketView;
import io.wharf.console.view.ObjectRow;
import io.wharf.protocol.AwsException;
import io.wharf.protocol.wire.WireResponse;
import io.wharf.s3.S3Service;
import io.wharf.s3.engine.Listings;
import io.wharf.s3.engine.S3Engine;
import io.wharf.s3.engine.StoredObject;

import java.util.ArrayList;
import java.util.List;

/**
 * The buckets, read only: the account's buckets ({@code s3:ListAllMyBuckets}, every region, as ListBuckets answers)
 * and one bucket's first objects under a prefix ({@code s3:ListBucket} on {@code arn:aws:s3:::bucket}, owned by the
 * bucket's account). Object counts and bytes are not shown: the engine would have to walk every key to tell.
 */
final class BucketPages {
    private final S3Service s3;
    private final S3Engine engine;
    private final ConsoleAccess access;
    private final Html html;

    BucketPages(S3Service s3, ConsoleAccess access, Html html) {
        this.s3 = s3;
        this.engine = s3.engine();
        this.access = access;
        this.html = html;
    }

    WireResponse list(Visit v) {
        try {
            access.check(v.caller(), s3, "s3:ListAllMyBuckets", "*", null);
            List<BucketRow> rows = new ArrayList<>();
            for (S3Engine.BucketInfo b : engine.listBuckets(v.caller().account(), null, null, null)) {
                rows.add(new BucketRow(b.name(), b.region(), Texts.time(b.created()), v.url("/bucket", "name",
                        b.name())));
            }
            return html.page(200, "buckets", Html.params("chrome", v.chrome("Buckets", "buckets", null),
                    "rows", rows));
        } catch (ConsoleAccess.Denied e) {
            return html.page(403, "buckets", Html.params("chrome", v.chrome("Buckets", "buckets", Texts.error(e)),
                    "rows", List.of()));
        }
    }

    WireResponse page(Visit v) {
        String name = v.required("name");
        String prefix = v.param("prefix");
        prefix = prefix == null ? "" : prefix;
        String title = "Bucket " + name;
        try {
            String owner = engine.bucketExists(name) ? engine.bucketOwner(name) : v.caller().account();
            access.check(v.caller(), s3, "s3:ListBucket", "arn:aws:s3:::" + name, owner);
            Listings.Page page = engine.listings().list(name, prefix, null, null, BucketView.MAX_OBJECTS);
            List<ObjectRow> objects = new ArrayList<>();
            for (StoredObject o : page.contents()) {
                objects.add(new ObjectRow(o.key(), o.size(), Texts.time(o.lastModified()), o.quotedEtag()));
            }
            S3Engine.BucketInfo info = engine.listBuckets(owner, null, null, null).stream()
                    .filter(b -> b.name().equals(name)).findFirst().orElse(null);
            BucketView view = new BucketView(name, info == null ? "" : info.region(),
                    info == null ? "" : Texts.time(info.created()), prefix, objects, page.truncated());
            return html.page(200, "bucket", Html.params("chrome", v.chrome(title, "buckets", null), "b", view));
        } catch (ConsoleAccess.Denied e) {
            return html.page(403, "message", Html.params("chrome", v.chrome(title, "buckets", Texts.error(e))));
        } catch (AwsException e) {
            return html.page(e.httpStatus(), "message", Html.params("chrome", v.chrome(title, "buckets",
                    Texts.error(e))));
        }
    }
}
