package io.wharf.cloudwatch.alarms;

import java.util.Map;

/**
 * One alarm as kept: where it lives, its settings, tags and state. Immutable; the engine replaces it on each change.
 *
 * @param stateReasonData JSON, or null (SetAlarmState without it)
 */
public record Alarm(String account, String region, AlarmConfig config, Map<String, String> tags, String stateValue,
                    String stateReason, String stateReasonData, long stateUpdatedMillis,
                    long stateTransitionedMillis, long configUpdatedMillis) {
    public Alarm {
        tags = Map.copyOf(tags);
    }

    public String arn() {
        return "arn:aws:cloudwatch:" + region + ":" + account + ":alarm:" + config.name();
    }

    Alarm withConfig(AlarmConfig newConfig, long now) {
        return new Alarm(account, region, newConfig, tags, stateValue, stateReason, stateReasonData,
                stateUpdatedMillis, stateTransitionedMillis, now);
    }

    Alarm withTags(Map<String, String> newTags) {
        return new Alarm(account, region, config, newTags, stateValue, stateReason, stateReasonData,
                stateUpdatedMillis, stateTransitionedMillis, configUpdatedMillis);
    }

    Alarm withState(String state, String reason, String reasonData, long now) {
        return new Alarm(account, region, config, tags, state, reason, reasonData, now,
                state.equals(stateValue) ? stateTransitionedMillis : now, configUpdatedMillis);
    }
}
