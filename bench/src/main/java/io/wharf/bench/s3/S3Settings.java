package io.wharf.bench.s3;

/**
 * What shapes an S3 scenario's load beyond the shared settings.
 *
 * @param objectBytes size of every object put or got
 * @param objects     distinct keys: s3-put cycles over them (overwriting), s3-get reads them (put once before)
 * @param expectContinue whether PutObject sends {@code Expect: 100-continue} (the SDK's default for bodies of 1 MiB and
 *                    more); off by default because moto's server (werkzeug) answers it in a way the SDK's Netty client
 *                    fails on ({@code S3Exception ... Status Code: 100}), and a compare gives every target one client
 */
public record S3Settings(int objectBytes, int objects, boolean expectContinue) {
    /** Objects are made in memory by the load generator: a bound that keeps it from eating its own heap. */
    public static final int MAX_OBJECT_BYTES = 256 * 1024 * 1024;
    public static final int MAX_OBJECTS = 10_000;

    public static final S3Settings DEFAULTS = new S3Settings(1024 * 1024, 16, false);

    public S3Settings {
        if (objectBytes < 1 || objectBytes > MAX_OBJECT_BYTES) {
            throw new IllegalArgumentException("--object-bytes must be 1.." + MAX_OBJECT_BYTES + ", got " + objectBytes);
        }
        if (objects < 1 || objects > MAX_OBJECTS) {
            throw new IllegalArgumentException("--objects must be 1.." + MAX_OBJECTS + ", got " + objects);
        }
    }
}
