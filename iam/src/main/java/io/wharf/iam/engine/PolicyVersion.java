package io.wharf.iam.engine;

import java.time.Instant;

/** One version of a managed policy: its document as given. */
public record PolicyVersion(String versionId, String document, boolean isDefault, Instant created) {
}
