package io.wharf.s3.engine;

import io.wharf.protocol.wire.WireResponse;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * An object being read: its metadata, the range answered (null: all of it) and, for a GET, its file opened while the
 * object was current (so a replacement or deletion that comes meanwhile does not cut the answer short). The caller
 * streams it with {@link #writeTo} or closes it.
 */
public record ObjectRead(StoredObject object, ByteRange range, FileChannel channel) implements AutoCloseable {
    public long length() {
        return range == null ? object.size() : range.length();
    }

    /** Streams the answered bytes to {@code sink} in pieces, then closes the file. */
    public void writeTo(WireResponse.Sink sink) throws IOException, InterruptedException {
        try (FileChannel in = channel) {
            long position = range == null ? 0 : range.start();
            long left = length();
            while (left > 0 && sink.open()) {
                ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(ObjectFiles.BUFFER, left));
                while (buffer.hasRemaining()) {
                    int n = in.read(buffer, position + buffer.position());
                    if (n < 0) {
                        throw new IOException("object file ended early: " + object.fileId());
                    }
                }
                sink.write(buffer.array());
                position += buffer.capacity();
                left -= buffer.capacity();
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }
}
