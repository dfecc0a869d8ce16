package io.wharf.console;

import io.wharf.console.view.Chrome;
import io.wharf.protocol.wire.WireRequest;

import java.util.Map;

/**
 * One console request after its session was found: the wire request, the session, who it acts as and the form it
 * carried (empty for GET).
 */
record Visit(WireRequest request, Sessions.Session session, Caller caller, Map<String, String> form,
             boolean signInOn) {

    /** A parameter from the form, else the query string, else null. */
    String param(String name) {
        String value = form.get(name);
        return value != null ? value : request.firstQuery(name);
    }

    /** A parameter that must be there. */
    String required(String name) {
        String value = param(name);
        if (value == null || value.isEmpty()) {
            throw new MissingParameter(name);
        }
        return value;
    }

    Chrome chrome(String title, String section, String error) {
        Sessions.Flash flash = session.takeFlash();
        return new Chrome(title, section, caller.scope(), caller.account(), caller.region(),
                signInOn ? caller.principal().arn() : null, signInOn, session.csrfToken,
                flash == null ? null : flash.text(), flash != null && flash.error(), error);
    }

    /** A URL of the console with the account and region kept. */
    String url(String path, String... namesAndValues) {
        StringBuilder url = new StringBuilder(Html.PREFIX).append(path).append('?').append(caller.scope());
        for (int i = 0; i < namesAndValues.length; i += 2) {
            url.append('&').append(namesAndValues[i]).append('=').append(Forms.encode(namesAndValues[i + 1]));
        }
        return url.toString();
    }

    /** A request without a parameter it needs: a 400 page. */
    static final class MissingParameter extends RuntimeException {
        MissingParameter(String name) {
            super("Missing parameter: " + name, null, false, false);
        }
    }
}
