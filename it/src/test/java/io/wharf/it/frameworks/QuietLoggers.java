package io.wharf.it.frameworks;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Silences a framework's loggers while a test's teardown provokes the errors it logs on purpose (a client closed
 * under a waiting poll, queues deleted under running listeners), then restores their levels.
 */
final class QuietLoggers implements AutoCloseable {
    private final List<Logger> loggers;
    private final List<Level> levels;

    private QuietLoggers(List<Logger> loggers) {
        this.loggers = loggers;
        this.levels = loggers.stream().map(Logger::getLevel).toList();
        loggers.forEach(l -> l.setLevel(Level.OFF));
    }

    static QuietLoggers of(String... names) {
        return new QuietLoggers(java.util.Arrays.stream(names).map(n -> (Logger) LoggerFactory.getLogger(n)).toList());
    }

    @Override
    public void close() {
        for (int i = 0; i < loggers.size(); i++) {
            loggers.get(i).setLevel(levels.get(i));
        }
    }
}
