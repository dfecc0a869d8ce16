package io.wharf.console.view;

import java.util.List;

/**
 * One bucket's page: the objects under {@code prefix} (at most {@link #MAX_OBJECTS}, {@code more} when others follow).
 */
public record BucketView(String name, String region, String created, String prefix, List<ObjectRow> objects,
                         boolean more) {
    public static final int MAX_OBJECTS = 100;
}
