package io.wharf.protocol.auth;

import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The condition keys of one request, with the resource's tags ({@code aws:ResourceTag/…}) fetched only when a policy
 * asks for a key the request itself does not carry: most calls are decided without conditions (the root of an account,
 * policies without a Condition), and looking a resource's tags up on every call costs a lock and a copy in the engine.
 */
public final class ConditionKeys extends AbstractMap<String, List<String>> {
    private static final String RESOURCE_TAG = "aws:ResourceTag/";

    private final Map<String, List<String>> request;
    private final Supplier<Map<String, String>> resourceTags;
    private Map<String, List<String>> all;

    /**
     * @param request      the keys the request and its service supply
     * @param resourceTags the resource's tags, asked for at most once and only when needed
     */
    public ConditionKeys(Map<String, List<String>> request, Supplier<Map<String, String>> resourceTags) {
        this.request = request;
        this.resourceTags = resourceTags;
    }

    @Override
    public Set<Entry<String, List<String>>> entrySet() {
        if (all == null) {
            Map<String, List<String>> merged = new LinkedHashMap<>();
            resourceTags.get().forEach((key, value) -> merged.put(RESOURCE_TAG + key, List.of(value)));
            merged.putAll(request);
            all = merged;
        }
        return all.entrySet();
    }
}
