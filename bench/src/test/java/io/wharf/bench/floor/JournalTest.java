package io.wharf.bench.floor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import static org.assertj.core.api.Assertions.assertThat;

/** The floor's journal writes each record, length and CRC32C first, before it says so, and reclaims full segments. */
class JournalTest {
    @TempDir
    Path dir;

    @Test
    void theNoneJournalAnswersAtOnceOnTheCallersThread() {
        List<Thread> called = new ArrayList<>();
        Journal.NONE.append(new byte[10], failure -> {
            assertThat(failure).isNull();
            called.add(Thread.currentThread());
        });
        assertThat(called).containsExactly(Thread.currentThread());
    }

    @Test
    void aRecordOfPartsHoldsEachPartsLengthBeforeItsBytes() {
        byte[] record = Journal.lengthPrefixed(List.of("ab".getBytes(StandardCharsets.US_ASCII), new byte[0],
                new byte[] {(byte) 0xff}));
        assertThat(record).containsExactly(0, 0, 0, 2, 'a', 'b', 0, 0, 0, 0, 0, 0, 0, 1, 0xff);
    }

    @Test
    void aRecordIsInTheLogWhenItsCallbackRuns() throws Exception {
        try (Journal journal = Journal.open(dir.resolve("journal"))) {
            List<CompletableFuture<Long>> written = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                byte[] record = ("record " + i).getBytes(StandardCharsets.UTF_8);
                CompletableFuture<Long> done = new CompletableFuture<>();
                // the file's size as the callback sees it: the record is in it already
                journal.append(record, failure -> done.complete(failure != null ? -1 : sizeOf(dir.resolve("journal"))));
                written.add(done);
            }
            long expected = 0;
            for (int i = 0; i < 50; i++) {
                expected += 8 + ("record " + i).length();
                assertThat(written.get(i).get(10, TimeUnit.SECONDS)).as("record %d", i).isGreaterThanOrEqualTo(expected);
            }
            Path segment = onlySegment(dir.resolve("journal"));
            ByteBuffer log = ByteBuffer.wrap(Files.readAllBytes(segment));
            for (int i = 0; i < 50; i++) {
                byte[] record = new byte[log.getInt()];
                int crc = log.getInt();
                log.get(record);
                assertThat(new String(record, StandardCharsets.UTF_8)).isEqualTo("record " + i);
                CRC32C check = new CRC32C();
                check.update(record);
                assertThat(crc).isEqualTo((int) check.getValue());
            }
            assertThat(log.hasRemaining()).isFalse();
        }
    }

    @Test
    void aFullSegmentIsDeletedAndTheNextOneStarted() throws Exception {
        Path journalDir = dir.resolve("small");
        try (Journal journal = Journal.open(journalDir, 100)) {
            Path first = onlySegment(journalDir);
            appendAndWait(journal, new byte[52]); // 60 bytes with its header: under 100
            assertThat(onlySegment(journalDir)).isEqualTo(first);
            appendAndWait(journal, new byte[52]); // 120: full
            Path second = onlySegment(journalDir);
            assertThat(second).isNotEqualTo(first);
            assertThat(first).doesNotExist();
            assertThat(second).isEmptyFile();
            appendAndWait(journal, new byte[2]);
            assertThat(Files.size(second)).isEqualTo(10);
        }
    }

    private static void appendAndWait(Journal journal, byte[] record) throws Exception {
        CompletableFuture<IOException> done = new CompletableFuture<>();
        journal.append(record, done::complete);
        assertThat(done.get(10, TimeUnit.SECONDS)).isNull();
    }

    private static long sizeOf(Path journalDir) {
        try {
            return Files.size(onlySegment(journalDir));
        } catch (IOException e) {
            return -2;
        }
    }

    private static Path onlySegment(Path journalDir) throws IOException {
        try (Stream<Path> files = Files.list(journalDir)) {
            List<Path> all = files.toList();
            assertThat(all).hasSize(1);
            return all.getFirst();
        }
    }
}
