package io.wharf.protocol;

import io.wharf.protocol.model.Shape;

/** Renders each error as {@code kind|path|value|reason} so a test sees exactly what the validator passed. */
public record RecordingErrors(boolean validateEnums) implements ValidationErrors {
    @Override
    public AwsException missing(String path) {
        return AwsException.client("Missing", "missing|" + path);
    }

    @Override
    public AwsException invalid(String path, Object value, Shape shape, String reason) {
        return AwsException.client("Invalid", "invalid|" + path + "|" + value + "|" + shape.name() + "|" + reason);
    }
}
