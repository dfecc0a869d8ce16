package io.wharf.mq.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One configuration with its revisions (numbered from 1, data as the user sent it, base64), under the engine's lock. */
final class Configuration {
    String id;
    String arn;
    String account;
    String region;
    String name;
    String engineType;
    String engineVersion;
    String authenticationStrategy;
    long createdMillis;
    Map<String, String> tags = new LinkedHashMap<>();
    List<Revision> revisions = new ArrayList<>();

    Revision latest() {
        return revisions.get(revisions.size() - 1);
    }

    Revision revision(int number) {
        return number >= 1 && number <= revisions.size() ? revisions.get(number - 1) : null;
    }

    /** @param data base64 of the configuration document */
    record Revision(int revision, long createdMillis, String description, String data) {
    }
}
