package io.wharf.firehose.engine;

import org.junit.jupiter.api.Test;
import org.xerial.snappy.SnappyFramedInputStream;
import org.xerial.snappy.SnappyHadoopCompatibleOutputStream;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Each CompressionFormat round-trips through a standard reader and names its extension as AWS does. */
class CompressionTest {
    static final byte[] DATA = "{\"a\":1}\n".repeat(1000).getBytes(StandardCharsets.UTF_8);

    @Test
    void extensions() {
        assertThat(Compression.of(null).extension()).isEmpty();
        assertThat(Compression.of("UNCOMPRESSED").extension()).isEmpty();
        assertThat(Compression.of("GZIP").extension()).isEqualTo(".gz");
        assertThat(Compression.of("ZIP").extension()).isEqualTo(".zip");
        assertThat(Compression.of("Snappy").extension()).isEqualTo(".snappy");
        assertThat(Compression.of("HADOOP_SNAPPY").extension()).isEqualTo(".snappy");
    }

    @Test
    void gzip() throws IOException {
        byte[] out = Compression.GZIP.compress(DATA, "x");
        assertThat(out.length).isLessThan(DATA.length);
        assertThat(new GZIPInputStream(new ByteArrayInputStream(out)).readAllBytes()).isEqualTo(DATA);
    }

    @Test
    void zipHoldsOneEntry() throws IOException {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(Compression.ZIP.compress(DATA, "obj")))) {
            assertThat(in.getNextEntry().getName()).isEqualTo("obj");
            assertThat(in.readAllBytes()).isEqualTo(DATA);
            assertThat(in.getNextEntry()).isNull();
        }
    }

    @Test
    void snappyFramed() throws IOException {
        byte[] out = Compression.SNAPPY.compress(DATA, "x");
        assertThat(new SnappyFramedInputStream(new ByteArrayInputStream(out)).readAllBytes()).isEqualTo(DATA);
    }

    @Test
    void hadoopSnappyIsTheHadoopBlockFormat() throws IOException {
        byte[] out = Compression.HADOOP_SNAPPY.compress(DATA, "x");
        java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
        try (SnappyHadoopCompatibleOutputStream s = new SnappyHadoopCompatibleOutputStream(expected)) {
            s.write(DATA);
        }
        assertThat(out).isEqualTo(expected.toByteArray());
        // block header: uncompressed length (4 bytes big-endian), then compressed chunk length
        assertThat(((out[0] & 0xff) << 24) | ((out[1] & 0xff) << 16) | ((out[2] & 0xff) << 8) | (out[3] & 0xff))
                .isEqualTo(DATA.length);
    }
}
