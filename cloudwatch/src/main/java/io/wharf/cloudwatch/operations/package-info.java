/** One class per implemented CloudWatch action; {@code CloudWatchAccess} says what each needs permission for. */
package io.wharf.cloudwatch.operations;
