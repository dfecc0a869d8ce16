/**
 * One class per Amazon MQ action: read the decoded input, call {@link io.wharf.mq.engine.MqEngine}, build the output
 * tree ({@code Outputs}); {@link io.wharf.mq.operations.MqAccess} says what each action needs permission for.
 */
package io.wharf.mq.operations;
