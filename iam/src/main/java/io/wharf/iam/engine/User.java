package io.wharf.iam.engine;

import java.time.Instant;
import java.util.List;

/** An IAM user as the API shows it. */
public record User(String name, String path, String id, String arn, Instant created, List<Tag> tags) {
}
