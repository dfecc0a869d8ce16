package io.wharf.iam.engine;

import java.time.Instant;
import java.util.List;

/** A managed policy as the API shows it; {@code attachmentCount} is the caller's account's. */
public record ManagedPolicy(String name, String id, String arn, String path, String defaultVersionId,
                            int attachmentCount, String description, Instant created, Instant updated,
                            List<Tag> tags) {
}
