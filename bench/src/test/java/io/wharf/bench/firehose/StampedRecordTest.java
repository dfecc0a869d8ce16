package io.wharf.bench.firehose;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Records read back from an object that concatenates them, as Firehose writes it. */
class StampedRecordTest {
    @Test
    void anObjectOfWholeRecordsGivesBackEveryStampInOrder() {
        ByteArrayOutputStream object = new ByteArrayOutputStream();
        object.writeBytes(StampedRecord.of(100, 7));
        object.writeBytes(StampedRecord.of(100, -3));
        object.writeBytes(StampedRecord.of(100, Long.MAX_VALUE));
        assertThat(StampedRecord.stampsIn(object.toByteArray(), 100)).containsExactly(7, -3, Long.MAX_VALUE);
        assertThat(StampedRecord.stampsIn(new byte[0], 100)).isEmpty();
    }

    @Test
    void anythingElseIsNotRecords() {
        byte[] record = StampedRecord.of(64, 1);
        assertThat(StampedRecord.stampsIn(java.util.Arrays.copyOf(record, 63), 64)).as("cut short").isNull();
        assertThat(StampedRecord.stampsIn(new byte[64], 64)).as("no magic").isNull();
        assertThat(StampedRecord.stampsIn(record, 32)).as("another record size").isNull();
        assertThatThrownBy(() -> StampedRecord.of(15, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
