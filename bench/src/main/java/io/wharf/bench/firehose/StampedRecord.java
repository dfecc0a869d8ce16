package io.wharf.bench.firehose;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The records the Firehose scenarios put: exactly {@code --body-bytes} each (at least 16), starting with a magic number
 * and the moment the put was due ({@code System.nanoTime()}), padded with filler. Firehose concatenates records into an
 * object with nothing between them, so an object is read back as whole records of that size.
 */
final class StampedRecord {
    static final int MIN_BYTES = 16;
    private static final long MAGIC = 0x5748_4652_4231_0001L; // "WHFRB1"…

    private StampedRecord() {
    }

    static byte[] of(int size, long stampNanos) {
        if (size < MIN_BYTES) {
            throw new IllegalArgumentException("records must be at least " + MIN_BYTES + " bytes, got " + size);
        }
        byte[] record = new byte[size];
        Arrays.fill(record, (byte) 'x');
        ByteBuffer.wrap(record).putLong(MAGIC).putLong(stampNanos);
        return record;
    }

    /**
     * The stamps of the records in an object, or null when the object is not whole records of {@code size} with the
     * magic number (someone else's object, a corrupted delivery).
     */
    static long[] stampsIn(byte[] object, int size) {
        if (object.length % size != 0) {
            return null;
        }
        long[] stamps = new long[object.length / size];
        ByteBuffer buffer = ByteBuffer.wrap(object);
        for (int i = 0; i < stamps.length; i++) {
            if (buffer.getLong(i * size) != MAGIC) {
                return null;
            }
            stamps[i] = buffer.getLong(i * size + 8);
        }
        return stamps;
    }
}
