package io.wharf.iam.engine;

import java.time.Instant;

/** An IAM group as the API shows it. */
public record Group(String name, String path, String id, String arn, Instant created) {
}
