package io.wharf.server.http;

import io.wharf.protocol.Gateway;

import java.util.concurrent.ExecutorService;

/** What every connection of one front door shares. */
interface FrontDoorContext {
    Gateway gateway();

    /** Runs gateway calls, one virtual thread each. */
    ExecutorService executor();

    InFlightRequests inFlight();

    /** True once shutdown began: answers then carry {@code Connection: close}. */
    boolean draining();

    /** Why writes cannot be accepted (the store's fail-stop reason), or null; see {@link Health}. */
    default String storeFailure() {
        return null;
    }

    /** What answers {@code GET /_wharf/metrics} (run on a request's virtual thread), or null when none is wired. */
    default Gateway metrics() {
        return null;
    }

    /**
     * What answers the web console's paths ({@code /_wharf/console/...}, run on a request's virtual thread), or null
     * when none is wired.
     */
    default Gateway console() {
        return null;
    }
}
