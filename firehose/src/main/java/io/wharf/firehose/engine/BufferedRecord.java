package io.wharf.firehose.engine;

/** One record waiting in a stream's buffer: durable under its sequence until the object holding it is written. */
record BufferedRecord(long sequence, long arrivalMillis, byte[] data) {
}
