package io.wharf.bench.kinesis;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KinesisSettingsTest {

    @Test
    void theDefaultsAreFourShardsOfHundredRecordPutsOverJson() {
        KinesisSettings defaults = KinesisSettings.DEFAULTS;

        assertThat(defaults.shards()).isEqualTo(4);
        assertThat(defaults.recordsPerPut()).isEqualTo(100);
        assertThat(defaults.wire()).isEqualTo(KinesisWire.JSON);
        defaults.checkPutSize(1024);
    }

    @Test
    void boundsNameTheOptionAtFault() {
        assertThatThrownBy(() -> new KinesisSettings(0, 100, 2000, 10, KinesisWire.JSON)).hasMessageContaining("--shards");
        assertThatThrownBy(() -> new KinesisSettings(65, 100, 2000, 10, KinesisWire.JSON)).hasMessageContaining("--shards must be 1..64");
        assertThatThrownBy(() -> new KinesisSettings(4, 501, 2000, 10, KinesisWire.JSON)).hasMessageContaining("--records-per-put");
        assertThatThrownBy(() -> new KinesisSettings(4, 100, 99, 10, KinesisWire.JSON)).hasMessageContaining("--kinesis-backlog");
        assertThatThrownBy(() -> new KinesisSettings(4, 100, 2000, -1, KinesisWire.JSON)).hasMessageContaining("--poll-idle-ms");
    }

    @Test
    void aPutMustFitPutRecordsFiveMebibytes() {
        KinesisSettings settings = new KinesisSettings(4, 500, 2000, 10, KinesisWire.JSON);

        settings.checkPutSize(10 * 1024); // 5,000 KiB: fits
        assertThatThrownBy(() -> settings.checkPutSize(11 * 1024)).hasMessageContaining("5 MiB");
    }

    @Test
    void wiresAreNamedInEitherCase() {
        assertThat(KinesisWire.named("cbor")).isEqualTo(KinesisWire.CBOR);
        assertThat(KinesisWire.named("JSON")).isEqualTo(KinesisWire.JSON);
        assertThatThrownBy(() -> KinesisWire.named("xml")).hasMessageContaining("json or cbor");
    }
}
