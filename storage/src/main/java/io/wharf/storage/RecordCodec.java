package io.wharf.storage;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The binary form the services' store layouts write their records in: a version byte, then fields through
 * {@link DataOutputStream} (big-endian numbers; strings as a 4-byte length and UTF-8; a nullable string behind a
 * presence flag; a map as a count and key/value pairs). A record of another version is refused on reading,
 * so a format change is a new version, never a silent misreading.
 */
public final class RecordCodec {
    private RecordCodec() {
    }

    /** Writes one record's fields. */
    @FunctionalInterface
    public interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    /** Reads one record's fields. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    public static byte[] write(byte version, Writer writer) {
        return write(version, 128, writer);
    }

    /**
     * As {@link #write(byte, Writer)}, into a buffer of {@code sizeHint} bytes: a record whose size is known
     * closely (a message and its body) is written without the buffer growing, and when the hint is exact the buffer
     * is the record, with no copy.
     */
    public static byte[] write(byte version, int sizeHint, Writer writer) {
        Buffer bytes = new Buffer(Math.max(16, sizeHint));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(version);
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * The bytes a {@link #writeString} of {@code s} takes when it is ASCII (its length field and one byte per
     * character; more otherwise), for size hints.
     */
    public static int stringSizeHint(String s) {
        return 4 + s.length();
    }

    /** As {@link #stringSizeHint} for a {@link #writeNullable}: its flag, and the string when there is one. */
    public static int nullableSizeHint(String s) {
        return s == null ? 1 : 1 + stringSizeHint(s);
    }

    private static final class Buffer extends ByteArrayOutputStream {
        Buffer(int size) {
            super(size);
        }

        @Override
        public synchronized byte[] toByteArray() {
            return count == buf.length ? buf : super.toByteArray();
        }
    }

    /** @param what names the records in the error for another version, e.g. "SQS" */
    public static <T> T read(byte[] value, byte version, String what, Reader<T> reader) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value))) {
            byte found = in.readByte();
            if (found != version) {
                throw new IllegalStateException("unknown " + what + " record version " + found);
            }
            return reader.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    public static String readString(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    public static void writeNullable(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            writeString(out, s);
        }
    }

    public static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? readString(in) : null;
    }

    public static void writeMap(DataOutputStream out, Map<String, String> map) throws IOException {
        out.writeInt(map.size());
        for (Map.Entry<String, String> e : map.entrySet()) {
            writeString(out, e.getKey());
            writeString(out, e.getValue());
        }
    }

    public static Map<String, String> readMap(DataInputStream in) throws IOException {
        int n = in.readInt();
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            map.put(readString(in), readString(in));
        }
        return map;
    }
}
