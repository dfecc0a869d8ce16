package io.wharf.mq.broker.rabbitmq;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The wrapper that ties a broker's processes to Wharf's JVM, with {@code sleep} standing in for a broker. */
class ProcessesTest {
    @Test
    void theProgramStopsWhenItsParentsPipeCloses(@TempDir Path directory) throws Exception {
        Process wrapper = Processes.tiedToParent(List.of("sleep", "1000")).start();
        ProcessHandle program = awaitChild(wrapper);

        wrapper.getOutputStream().close(); // what the JVM's end does to the pipe when it dies, SIGKILL included

        program.onExit().get();
        assertThat(wrapper.waitFor()).isNotNegative();
        assertThat(program.isAlive()).isFalse();
    }

    @Test
    void sigtermToTheWrapperStopsTheProgramAndWaitsForIt() throws Exception {
        Process wrapper = Processes.tiedToParent(List.of("sleep", "1000")).start();
        ProcessHandle program = awaitChild(wrapper);

        assertThat(Processes.stopTree(wrapper.toHandle(), Duration.ofSeconds(30))).isTrue();

        assertThat(program.isAlive()).isFalse();
        assertThat(wrapper.exitValue()).isZero();
    }

    @Test
    void theProgramWritesOwnerOnlyFiles(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("made");
        Process wrapper = Processes.tiedToParent(List.of("touch", file.toString())).start();
        assertThat(wrapper.waitFor()).isZero();
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    private static ProcessHandle awaitChild(Process wrapper) throws InterruptedException {
        while (true) {
            var sleeper = wrapper.descendants().filter(process -> process.info().command().orElse("").endsWith("sleep"))
                    .findFirst();
            if (sleeper.isPresent()) {
                return sleeper.get();
            }
            assertThat(wrapper.isAlive()).as("the wrapper runs").isTrue();
            Thread.sleep(20);
        }
    }
}
