package io.wharf.storage;

import org.rocksdb.AbstractWalFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LiveFileMetaData;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WALRecoveryMode;
import org.rocksdb.WalFilter;
import org.rocksdb.WalProcessingOption;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Salvage of a damaged {@link RocksStore} ({@code wharf --repair}): keeps what is intact, drops what is not, and
 * says exactly what it dropped. It never runs by itself — a damaged store is refused at open until an operator
 * asks for this — and it first copies the damaged store aside ({@code rocksdb.before-repair-<time>/}), untouched.
 *
 * <ul>
 *   <li><b>Write-ahead log.</b> Replayed with RocksDB's {@code SkipAnyCorruptedRecords} through a filter that
 *       follows the sequence numbers: at the first gap (the damaged records), it keeps everything before and
 *       drops every later record, so the store is the consistent point in time just before the damage (later
 *       writes could depend on the lost ones: a delete of a message whose send is gone, a receive of it).
 *       The report names each WAL file with the damaged sequence numbers and the write batches dropped after them.</li>
 *   <li><b>Table files.</b> Checksums of every table file are verified; a damaged file is removed with its whole
 *       key range, and that key range is deleted in every other file too (so no older version of a key comes
 *       back from a lower level — a deleted message must not reappear). The report names the file, its key space,
 *       its key range and its entry count.</li>
 * </ul>
 * What is dropped is lost for good (restore a backup instead if there is one). Engines rebuild their memory from
 * what is left on the next start.
 */
public final class RocksRepair {
    static {
        RocksNative.load(); // before any of RocksDB's classes loads the library its own way
    }

    private static final int MAX_DAMAGED_FILES = 1000;
    private static final Pattern TABLE_FILE = Pattern.compile("(/[^\\s]*?/)?(\\d+\\.sst)");

    /** What a repair did, one line per thing dropped; {@code dropped} is empty when the store was intact. */
    public record Report(Path directory, Path copy, List<String> dropped) {
        public boolean changed() {
            return !dropped.isEmpty();
        }

        /** Human-readable, several lines. */
        public String describe() {
            if (dropped.isEmpty()) {
                return "repair: the store in " + directory + " is intact; nothing dropped";
            }
            StringBuilder text = new StringBuilder("repair: the store in " + directory + " was damaged; dropped:");
            dropped.forEach(line -> text.append("\n  - ").append(line));
            if (copy != null) {
                text.append("\nrepair: the damaged store was kept, untouched, in ").append(copy);
            }
            return text.toString();
        }
    }

    private RocksRepair() {
    }

    /**
     * Repairs the store in {@code directory} if it is damaged.
     *
     * @throws StoreLockedException when another process has it open
     * @throws StorageException     when it cannot be repaired (the report so far is in the message)
     */
    public static Report repair(Path directory, Clock clock) {
        if (!RocksStore.exists(directory)) {
            return new Report(directory, null, List.of());
        }
        StoreDamagedException damaged;
        try {
            RocksStore.open(directory, FsyncMode.ALWAYS).close();
            return new Report(directory, null, List.of());
        } catch (StoreDamagedException e) {
            damaged = e;
        }
        Path copy = directory.resolveSibling(directory.getFileName() + ".before-repair-"
                + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").format(clock.instant().atZone(java.time.ZoneOffset.UTC)));
        try {
            copyTree(directory, copy);
        } catch (IOException e) {
            throw new StorageException("repair: cannot keep a copy of the damaged store in " + copy + " ("
                    + e.getMessage() + "); nothing was changed", e);
        }
        List<String> dropped = new ArrayList<>();
        try {
            salvage(directory, dropped, damaged.getMessage());
        } catch (RocksDBException e) {
            throw new StorageException("repair: cannot salvage the store in " + directory + ": " + e.getMessage()
                    + (dropped.isEmpty() ? "" : " (so far dropped: " + String.join("; ", dropped) + ")")
                    + "; the damaged store is kept in " + copy, e);
        }
        try {
            RocksStore.open(directory, FsyncMode.ALWAYS).close();
        } catch (StoreDamagedException e) {
            throw new StorageException("repair: the store in " + directory + " is still damaged after salvage ("
                    + e.getMessage() + "); the damaged store is kept in " + copy, e);
        }
        if (dropped.isEmpty()) {
            dropped.add("nothing identifiable: RocksDB reported damage that a replay without it did not meet");
        }
        return new Report(directory, copy, dropped);
    }

    private static void salvage(Path directory, List<String> dropped, String damage) throws RocksDBException {
        List<byte[]> names;
        try (Options options = new Options()) {
            names = RocksDB.listColumnFamilies(options, directory.toString());
        }
        PointInTime filter = new PointInTime();
        try (ColumnFamilyOptions familyOptions = new ColumnFamilyOptions();
             DBOptions dbOptions = new DBOptions()
                     .setParanoidChecks(false)
                     .setWalRecoveryMode(WALRecoveryMode.SkipAnyCorruptedRecords)
                     .setWalFilter(filter)
                     .setInfoLogLevel(InfoLogLevel.WARN_LEVEL)) {
            List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
            for (byte[] name : names) {
                descriptors.add(new ColumnFamilyDescriptor(name, familyOptions));
            }
            List<ColumnFamilyHandle> handles = new ArrayList<>();
            try (RocksDB db = RocksDB.open(dbOptions, directory.toString(), descriptors, handles)) {
                try {
                    dropped.addAll(filter.report());
                    if (dropped.isEmpty() && !damage.contains(".sst")) {
                        // the damage ended the log: no intact record came after it to show a gap
                        dropped.add(filter.tail() + " [" + firstLine(damage) + "]");
                    }
                    try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
                        db.flush(flush, handles); // the salvaged WAL content goes to table files; the old WAL retires
                    }
                    dropDamagedTables(db, handles, dropped);
                } finally {
                    handles.forEach(ColumnFamilyHandle::close);
                }
            }
        } finally {
            filter.close();
        }
    }

    private static void dropDamagedTables(RocksDB db, List<ColumnFamilyHandle> handles, List<String> dropped)
            throws RocksDBException {
        for (int round = 0; round < MAX_DAMAGED_FILES; round++) {
            String damage;
            try {
                db.verifyChecksum();
                return;
            } catch (RocksDBException e) {
                if (!RocksStore.isCorruption(e)) {
                    throw e;
                }
                damage = String.valueOf(e.getMessage());
            }
            Matcher file = TABLE_FILE.matcher(damage);
            if (!file.find()) {
                throw new RocksDBException("a damage that names no table file: " + damage);
            }
            String fileName = file.group(2);
            LiveFileMetaData table = db.getLiveFilesMetaData().stream()
                    .filter(meta -> meta.fileName().endsWith("/" + fileName) || meta.fileName().equals(fileName))
                    .findFirst()
                    .orElseThrow(() -> new RocksDBException("damaged table file " + fileName + " is not live: " + damage));
            String family = new String(table.columnFamilyName(), StandardCharsets.UTF_8);
            ColumnFamilyHandle handle = handleFor(handles, table.columnFamilyName());
            List<String> before = liveFiles(db);
            db.deleteFilesInRanges(handle, List.of(table.smallestKey(), table.largestKey()), true);
            // keys of the range may also live in other files (older versions in lower levels): delete them all,
            // or a key deleted in the lost file would come back
            try (WriteOptions sync = new WriteOptions().setSync(true)) {
                db.deleteRange(handle, sync, table.smallestKey(), successor(table.largestKey()));
            }
            List<String> alsoRemoved = new ArrayList<>(before);
            alsoRemoved.removeAll(liveFiles(db));
            alsoRemoved.remove(fileName);
            dropped.add("table file " + fileName + " (key space " + family + ", level " + table.level() + ", "
                    + table.numEntries() + " entries): every key from " + printable(table.smallestKey()) + " to "
                    + printable(table.largestKey()) + " [" + firstLine(damage) + "]"
                    + (alsoRemoved.isEmpty() ? "" : "; files wholly inside that range, also removed: " + alsoRemoved));
        }
        throw new RocksDBException("more than " + MAX_DAMAGED_FILES + " damaged table files");
    }

    private static List<String> liveFiles(RocksDB db) {
        return db.getLiveFilesMetaData().stream().map(meta -> Path.of(meta.fileName()).getFileName().toString()).toList();
    }

    private static ColumnFamilyHandle handleFor(List<ColumnFamilyHandle> handles, byte[] name) throws RocksDBException {
        for (ColumnFamilyHandle handle : handles) {
            if (java.util.Arrays.equals(handle.getName(), name)) {
                return handle;
            }
        }
        throw new RocksDBException("no column family " + new String(name, StandardCharsets.UTF_8));
    }

    /** The smallest key greater than {@code key}: the end of a range that includes {@code key}. */
    private static byte[] successor(byte[] key) {
        return java.util.Arrays.copyOf(key, key.length + 1);
    }

    /** A key as text when it is printable ASCII, else hex; long keys are cut. */
    static String printable(byte[] key) {
        boolean text = true;
        for (byte b : key) {
            if (b < 0x20 || b > 0x7e) {
                text = false;
                break;
            }
        }
        String shown = text ? "\"" + new String(key, StandardCharsets.US_ASCII) + "\"" : "0x" + HexFormat.of().formatHex(key);
        return shown.length() > 80 ? shown.substring(0, 77) + "..." : shown;
    }

    private static String firstLine(String message) {
        String cleaned = message.replaceAll("\\s+", " ").strip();
        return cleaned.length() > 200 ? cleaned.substring(0, 197) + "..." : cleaned;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectory(to);
        OwnerOnly.restrict(to);
        try (var files = Files.list(from)) {
            for (Path file : files.toList()) {
                if (Files.isRegularFile(file) && !file.getFileName().toString().equals("LOCK")) {
                    Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /**
     * Replays the WAL up to the first gap in sequence numbers (the damaged records) and drops every later
     * record, counting what it drops per WAL file.
     */
    private static final class PointInTime extends AbstractWalFilter {
        private long expected = -1;
        private boolean broken;
        private String lastFile;
        private final Map<String, long[]> droppedPerFile = new TreeMap<>(); // file -> {batches, changes, first, last}
        private final List<String> gaps = new ArrayList<>();

        @Override
        public void columnFamilyLogNumberMap(Map<Integer, Long> logNumbers, Map<String, Integer> families) {
        }

        @Override
        public WalFilter.LogRecordFoundResult logRecordFound(long logNumber, String logFileName, WriteBatch batch,
                                                             WriteBatch newBatch) {
            long sequence;
            int count;
            try {
                ByteBuffer header = ByteBuffer.wrap(batch.data()).order(ByteOrder.LITTLE_ENDIAN);
                sequence = header.getLong(0);
                count = header.getInt(8);
            } catch (RocksDBException | IndexOutOfBoundsException e) {
                return new WalFilter.LogRecordFoundResult(WalProcessingOption.CONTINUE_PROCESSING, false);
            }
            String file = Path.of(logFileName).getFileName().toString();
            lastFile = file;
            if (!broken && expected >= 0 && sequence != expected) {
                broken = true;
                gaps.add("write-ahead log " + file + ": damaged records (sequence numbers " + expected + "–"
                        + (sequence - 1) + ", " + (sequence - expected) + " change(s)) could not be read");
            }
            if (broken) {
                long[] tally = droppedPerFile.computeIfAbsent(file, f -> new long[]{0, 0, sequence, 0});
                tally[0]++;
                tally[1] += count;
                tally[3] = sequence + Math.max(count, 1) - 1;
                return new WalFilter.LogRecordFoundResult(WalProcessingOption.IGNORE_CURRENT_RECORD, false);
            }
            expected = sequence + count;
            return new WalFilter.LogRecordFoundResult(WalProcessingOption.CONTINUE_PROCESSING, false);
        }

        @Override
        public String name() {
            return "wharf-point-in-time";
        }

        String tail() {
            return "write-ahead log " + (lastFile == null ? "" : lastFile + " ") + "ends with damaged record(s)"
                    + (expected < 0 ? "" : " after sequence number " + (expected - 1))
                    + ": the rest of that log could not be read, so every write after that sequence number is dropped"
                    + " (how many is unknown)";
        }

        List<String> report() {
            List<String> lines = new ArrayList<>(gaps);
            droppedPerFile.forEach((file, tally) -> lines.add("write-ahead log " + file + ": " + tally[0]
                    + " later write batch(es) (" + tally[1] + " change(s), sequence numbers " + tally[2] + "–" + tally[3]
                    + "), intact but written after the damage, dropped to keep a consistent point in time"));
            return lines;
        }
    }
}
