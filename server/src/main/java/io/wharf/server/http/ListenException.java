package io.wharf.server.http;

/** The front door could not bind its address; the message is meant for the person starting the server. */
public final class ListenException extends RuntimeException {
    public ListenException(String message, Throwable cause) {
        super(message, cause);
    }
}
