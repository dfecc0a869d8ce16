package io.wharf.bench.scale;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The heap a JVM uses after a full GC: {@code jcmd <pid> GC.run} (a System.gc(): a full collection on G1),
 * then {@code jcmd <pid> GC.heap_info}, whose first line says {@code used <n>K}. Live data only, so
 * figures compare across runs; what the JVM has committed is not counted.
 */
public final class HeapProbe implements LongSupplier {
    private static final Pattern USED = Pattern.compile("heap\\s+total[^\\n]*?used (\\d+)K");
    private static final long TIMEOUT_SECONDS = 120;

    private final Path jcmd;
    private final long pid;

    public HeapProbe(Path jcmd, long pid) {
        this.jcmd = jcmd;
        this.pid = pid;
    }

    /** The jcmd beside the java binary running this tool (a JDK, as the bench's launcher finds). */
    public static HeapProbe of(long pid) {
        Path java = Path.of(ProcessHandle.current().info().command().orElse("java"));
        Path jcmd = java.resolveSibling("jcmd");
        return new HeapProbe(Files.isExecutable(jcmd) ? jcmd : Path.of("jcmd"), pid);
    }

    /** Bytes used after a full GC. */
    @Override
    public long getAsLong() {
        run("GC.run");
        return parseUsedBytes(run("GC.heap_info"));
    }

    /** The used figure of {@code GC.heap_info}'s output, in bytes. */
    static long parseUsedBytes(String heapInfo) {
        Matcher used = USED.matcher(heapInfo);
        if (!used.find()) {
            throw new IllegalStateException("no 'used <n>K' in GC.heap_info's output: " + heapInfo);
        }
        return Long.parseLong(used.group(1)) * 1024;
    }

    private String run(String command) {
        try {
            Process process = new ProcessBuilder(List.of(jcmd.toString(), Long.toString(pid), command))
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + pid + " " + command + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + jcmd + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running jcmd", e);
        }
    }
}
