package io.wharf.s3.engine;

/**
 * An object's additional checksum: the algorithm, the base64 value ({@code -N} appended for a composite checksum of N
 * parts) and whether it covers the whole object or is made of the parts' checksums.
 */
public record ObjectChecksum(ChecksumAlgorithm algorithm, String value, Type type) {
    public enum Type { FULL_OBJECT, COMPOSITE }
}
