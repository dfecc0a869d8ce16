/**
 * One class per Firehose action (read the decoded input, call the engine, build the output), {@code Wire} for the
 * shared output shapes (the model-driven projection of configurations onto descriptions) and {@code FirehoseAccess}
 * (each action's IAM action and delivery stream ARN).
 */
package io.wharf.firehose.operations;
