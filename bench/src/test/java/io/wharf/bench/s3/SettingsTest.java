package io.wharf.bench.s3;

import io.wharf.bench.firehose.FirehoseSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The S3 and Firehose settings refuse what AWS (or the load generator's memory) would not take, naming the flag. */
class SettingsTest {
    @Test
    void s3Bounds() {
        assertThat(new S3Settings(1, 1, false).objectBytes()).isEqualTo(1);
        assertThatThrownBy(() -> new S3Settings(0, 1, false)).hasMessageContaining("--object-bytes");
        assertThatThrownBy(() -> new S3Settings(S3Settings.MAX_OBJECT_BYTES + 1, 1, false))
                .hasMessageContaining("--object-bytes");
        assertThatThrownBy(() -> new S3Settings(1024, 0, false)).hasMessageContaining("--objects");
    }

    @Test
    void firehoseBoundsAreAwss() {
        assertThat(new FirehoseSettings(500, 0, 1).bufferIntervalSeconds()).isZero();
        assertThatThrownBy(() -> new FirehoseSettings(501, 0, 5)).hasMessageContaining("--records-per-batch");
        assertThatThrownBy(() -> new FirehoseSettings(1, 901, 5)).hasMessageContaining("--firehose-interval");
        assertThatThrownBy(() -> new FirehoseSettings(1, -1, 5)).hasMessageContaining("--firehose-interval");
        assertThatThrownBy(() -> new FirehoseSettings(1, 0, 129)).hasMessageContaining("--firehose-buffer-mib");
        FirehoseSettings full = new FirehoseSettings(500, 0, 5);
        full.checkBatchSize(8 * 1024); // 4,000 KiB: fits
        assertThatThrownBy(() -> full.checkBatchSize(9 * 1024)).hasMessageContaining("4 MiB");
    }
}
