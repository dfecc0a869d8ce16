package io.wharf.firehose.engine;

import org.xerial.snappy.SnappyFramedOutputStream;
import org.xerial.snappy.SnappyHadoopCompatibleOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The S3 destination's CompressionFormat: how the object's bytes are compressed and the extension AWS gives the key
 * when no FileExtension is set ({@code .gz}, {@code .zip}, {@code .snappy}). GZIP compresses the whole object; ZIP
 * holds one entry named after the object; Snappy is the framing format; HADOOP_SNAPPY is the Hadoop block format
 * (readable by Athena, Hadoop, Spark).
 */
enum Compression {
    UNCOMPRESSED(""),
    GZIP(".gz"),
    ZIP(".zip"),
    SNAPPY(".snappy"),
    HADOOP_SNAPPY(".snappy");

    private final String extension;

    Compression(String extension) {
        this.extension = extension;
    }

    static Compression of(String format) {
        if (format == null) {
            return UNCOMPRESSED;
        }
        return switch (format) {
            case "GZIP" -> GZIP;
            case "ZIP" -> ZIP;
            case "Snappy" -> SNAPPY;
            case "HADOOP_SNAPPY" -> HADOOP_SNAPPY;
            default -> UNCOMPRESSED;
        };
    }

    String extension() {
        return extension;
    }

    /** The object's bytes; {@code entryName} names the ZIP entry. */
    byte[] compress(byte[] content, String entryName) {
        if (this == UNCOMPRESSED) {
            return content;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(64, content.length / 2));
        try {
            switch (this) {
                case GZIP -> {
                    try (OutputStream out = new GZIPOutputStream(bytes)) {
                        out.write(content);
                    }
                }
                case ZIP -> {
                    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
                        out.putNextEntry(new ZipEntry(entryName));
                        out.write(content);
                        out.closeEntry();
                    }
                }
                case SNAPPY -> {
                    try (OutputStream out = new SnappyFramedOutputStream(bytes)) {
                        out.write(content);
                    }
                }
                case HADOOP_SNAPPY -> {
                    try (OutputStream out = new SnappyHadoopCompatibleOutputStream(bytes)) {
                        out.write(content);
                    }
                }
                default -> throw new IllegalStateException(name());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
