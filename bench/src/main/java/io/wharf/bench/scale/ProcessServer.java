package io.wharf.bench.scale;

import io.wharf.bench.compare.Launch;
import io.wharf.bench.compare.ServerProcess;
import io.wharf.bench.compare.Target;

import java.net.URI;

/**
 * A durable Wharf ({@link Target#WHARF}: {@code --fsync always}, its own data directory under the launch's work
 * directory) that this tool started, as {@code compare} starts it; restarted on the same data directory.
 */
final class ProcessServer implements ScaleServer, AutoCloseable {
    private final Launch launch;
    private ServerProcess process;

    ProcessServer(Launch launch) throws Exception {
        this.launch = launch;
        this.process = Target.WHARF.start(launch);
    }

    @Override
    public URI endpoint() {
        return process.endpoint();
    }

    long pid() {
        return process.pid();
    }

    @Override
    public long usedHeapAfterGc() {
        return HeapProbe.of(process.pid()).getAsLong();
    }

    @Override
    public boolean canRestart() {
        return true;
    }

    @Override
    public void killAndRestart() throws Exception {
        process.kill();
        process = Target.WHARF.start(launch);
    }

    @Override
    public void close() {
        process.close();
    }
}
