package io.wharf.mq.broker.activemq;

import static io.wharf.mq.broker.activemq.Brokers.RUNTIME;
import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.mq.broker.RunningBroker;
import io.wharf.storage.FileTrees;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broker's web console keeps to its own directory: it neither sets nor follows JVM-wide Tomcat paths. */
class ConsoleDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void aConsoleDoesNotBringBackTheDirectoryOfABrokerDeletedBeforeItStarted() throws Exception {
        // Tomcat's own start-up sets catalina.home once per JVM and makes that directory at every later start.
        System.clearProperty("catalina.home");
        System.clearProperty("catalina.base");
        Path deleted = dir.resolve("deleted");
        RUNTIME.start(Brokers.single(deleted)).close();
        FileTrees.deleteTree(deleted);

        RunningBroker next = RUNTIME.start(Brokers.single(dir.resolve("next")));
        try {
            assertThat(next.instances().getFirst().consoleUrl()).isNotNull();
            assertThat(deleted).doesNotExist();
            assertThat(System.getProperty("catalina.home")).isNull();
            assertThat(System.getProperty("catalina.base")).isNull();
        } finally {
            next.close();
        }
    }
}
