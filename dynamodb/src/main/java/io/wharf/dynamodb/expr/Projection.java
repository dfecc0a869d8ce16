package io.wharf.dynamodb.expr;

import io.wharf.dynamodb.item.AttributeValue;

import java.util.Map;
import java.util.Set;

/** A parsed {@code ProjectionExpression} or legacy {@code AttributesToGet}. */
public interface Projection {

    /** The parts of {@code item} the projection names (nested paths and list elements as AWS projects them). */
    Map<String, AttributeValue> apply(Map<String, AttributeValue> item);

    /** The top-level attribute names the projection reads (for index projections and {@code Select}). */
    Set<String> topLevelNames();
}
