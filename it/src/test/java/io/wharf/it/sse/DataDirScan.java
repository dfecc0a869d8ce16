package io.wharf.it.sse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Every byte of every file under a data directory (RocksDB's WAL, SSTs, MANIFEST, LOG, the master key …). */
final class DataDirScan {
    private DataDirScan() {
    }

    /** The files (relative to {@code dir}) that hold {@code marker}'s UTF-8 bytes anywhere. */
    static List<String> filesContaining(Path dir, String marker) {
        byte[] needle = marker.getBytes(StandardCharsets.UTF_8);
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (contains(Files.readAllBytes(file), needle)) {
                    found.add(dir.relativize(file).toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    /** How many files and bytes were scanned: shows the scan saw the store's files at all. */
    static long bytesUnder(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            long total = 0;
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                total += Files.size(file);
            }
            return total;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
