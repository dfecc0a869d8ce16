package io.wharf.mq.operations;

import io.wharf.mq.engine.MqCommands.NewUser;
import io.wharf.protocol.Input;

/** Typed values from input trees that more than one operation reads. */
final class Inputs {
    private Inputs() {
    }

    /** A {@code User} (CreateBroker's Users) or CreateUser's body, named {@code username}. */
    static NewUser newUser(Input user, String username) {
        return new NewUser(username, user.string("Password"), Boolean.TRUE.equals(user.bool("ConsoleAccess")),
                user.strings("Groups"), Boolean.TRUE.equals(user.bool("ReplicationUser")));
    }
}
