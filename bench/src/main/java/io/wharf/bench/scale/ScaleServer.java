package io.wharf.bench.scale;

import java.net.URI;

/** The Wharf a case drives: where it answers, its heap after a full GC, and (when it runs in its own process) a restart. */
public interface ScaleServer {
    URI endpoint();

    /** Heap bytes used after a full GC. */
    long usedHeapAfterGc();

    /** Whether {@link #killAndRestart()} is possible (a server process this tool started). */
    boolean canRestart();

    /**
     * Kills the server (SIGKILL: a crash, nothing flushed on the way out) and starts it again on the same data
     * directory; returns once it listens. The endpoint may change (port 0).
     */
    void killAndRestart() throws Exception;
}
