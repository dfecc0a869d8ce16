package io.wharf.iam.engine;

import java.time.Instant;
import java.util.List;

/** An IAM role as the API shows it; {@code description} may be null. */
public record Role(String name, String path, String id, String arn, Instant created, String trustPolicy,
                   String description, int maxSessionDurationSeconds, List<Tag> tags) {
}
