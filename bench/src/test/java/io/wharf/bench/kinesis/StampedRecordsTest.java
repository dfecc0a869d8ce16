package io.wharf.bench.kinesis;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StampedRecordsTest {

    @Test
    void aPutCarriesItsRecordsOfTheSizeAndGivesTheStampBack() {
        List<PutRecordsRequestEntry> entries = new StampedRecords(1024, 100).entries(-123_456_789L);

        assertThat(entries).hasSize(100);
        assertThat(entries).allSatisfy(entry -> {
            assertThat(entry.data().asByteArray()).hasSize(1024);
            assertThat(StampedRecords.stampOf(entry.data())).isEqualTo(-123_456_789L);
        });
        // random partition keys, so MD5 routing spreads a put over every shard
        assertThat(entries.stream().map(PutRecordsRequestEntry::partitionKey).distinct()).hasSize(100);
    }

    @Test
    void foreignDataHasNoStamp() {
        assertThat(StampedRecords.stampOf(SdkBytes.fromUtf8String("hello, this is not a stamp"))).isEqualTo(StampedRecords.NO_STAMP);
        assertThat(StampedRecords.stampOf(SdkBytes.fromUtf8String("short"))).isEqualTo(StampedRecords.NO_STAMP);
        assertThatThrownBy(() -> new StampedRecords(8, 1)).hasMessageContaining("stamp");
    }

    @Test
    void dataRateIsRecordDataInMegabytesOfTenToTheSixBytes() {
        assertThat(KinesisResults.dataMegabytesPerSecond(10_000, 1000, 2.0)).isEqualTo(5.0);
        assertThat(KinesisResults.dataMegabytesPerSecond(10, 1000, 0)).isZero();
    }
}
