package io.wharf.server.http;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

import java.util.EnumSet;

/**
 * Who has stopped reading a channel (an HTTP/1.1 connection or an HTTP/2 stream): it reads again only once nobody has.
 * Two handlers pause reading for their own reasons, and one resuming must not undo the other's pause: the dispatcher
 * turning reads back on after an answer would let a body being spooled outrun the disk, and the spool's writer catching
 * up would let a client queue more pipelined requests than the dispatcher allows. Event loop only.
 */
final class ReadPause {
    enum Reason {
        /** The dispatcher holds requests that arrived while another was being served. */
        PIPELINED,
        /** The spool has more of a body than it may hold unwritten, or is completing its file. */
        SPOOLING
    }

    private static final AttributeKey<ReadPause> KEY = AttributeKey.valueOf("wharf.readPause");

    private final Channel channel;
    private final EnumSet<Reason> reasons = EnumSet.noneOf(Reason.class);

    private ReadPause(Channel channel) {
        this.channel = channel;
    }

    static ReadPause of(Channel channel) {
        ReadPause pause = channel.attr(KEY).get();
        if (pause == null) {
            pause = new ReadPause(channel);
            channel.attr(KEY).set(pause);
        }
        return pause;
    }

    void pause(Reason reason) {
        reasons.add(reason);
        channel.config().setAutoRead(false);
    }

    void resume(Reason reason) {
        reasons.remove(reason);
        if (reasons.isEmpty()) {
            channel.config().setAutoRead(true);
        }
    }

    boolean paused() {
        return !reasons.isEmpty();
    }
}
