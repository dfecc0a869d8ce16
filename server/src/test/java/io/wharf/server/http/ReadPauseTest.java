package io.wharf.server.http;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** One reason to stop reading is not undone by another's end. */
class ReadPauseTest {
    @Test
    void readingResumesOnlyWhenEveryReasonHasEnded() {
        EmbeddedChannel channel = new EmbeddedChannel();
        ReadPause pause = ReadPause.of(channel);
        assertThat(ReadPause.of(channel)).isSameAs(pause);

        pause.pause(ReadPause.Reason.SPOOLING);
        pause.pause(ReadPause.Reason.PIPELINED);
        pause.resume(ReadPause.Reason.PIPELINED); // the dispatcher answered; the disk has not caught up
        assertThat(channel.config().isAutoRead()).isFalse();
        assertThat(pause.paused()).isTrue();

        pause.resume(ReadPause.Reason.SPOOLING);
        assertThat(channel.config().isAutoRead()).isTrue();
        assertThat(pause.paused()).isFalse();
    }

    @Test
    void resumingWhatWasNotPausedLeavesAnotherPauseAlone() {
        EmbeddedChannel channel = new EmbeddedChannel();
        ReadPause pause = ReadPause.of(channel);
        pause.pause(ReadPause.Reason.PIPELINED);
        pause.resume(ReadPause.Reason.SPOOLING); // the spool's writer caught up while requests wait their turn
        assertThat(channel.config().isAutoRead()).isFalse();
        pause.resume(ReadPause.Reason.PIPELINED);
        assertThat(channel.config().isAutoRead()).isTrue();
    }
}
