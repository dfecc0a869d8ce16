package io.wharf.dynamodb.expr;

import io.wharf.dynamodb.item.AttributeValue;

import java.util.Map;
import java.util.Set;

/** A parsed {@code UpdateExpression} or legacy {@code AttributeUpdates}. */
public interface Update {

    /**
     * The item after the update. {@code item} is the current item or an empty map; it is not changed. Evaluation
     * errors (a {@code SET a = a + :v} on a string, {@code list_append} on a non-list, a path into a missing map…)
     * are AWS's ValidationExceptions with AWS's texts.
     */
    Map<String, AttributeValue> apply(Map<String, AttributeValue> item);

    /** The top-level attribute names the update writes or removes (the engine refuses key attributes among them). */
    Set<String> topLevelTargets();

    /**
     * For {@code ReturnValues=UPDATED_OLD|UPDATED_NEW}: the part of {@code item} the update touched (the updated
     * paths, projected as AWS projects them).
     */
    Map<String, AttributeValue> touched(Map<String, AttributeValue> item);

    /**
     * For {@code ReturnValues=UPDATED_NEW}: the part of the updated item the update wrote. Unlike {@link #touched},
     * removed paths are left out, so a removed list element does not answer with the element that moved into its place.
     */
    default Map<String, AttributeValue> touchedAfter(Map<String, AttributeValue> updated) {
        return touched(updated);
    }
}
