/**
 * CloudWatch metric alarms: their settings and state kept in the store ({@link io.wharf.cloudwatch.alarms.AlarmsEngine}),
 * the pure M-out-of-N evaluation ({@link io.wharf.cloudwatch.alarms.AlarmEvaluator}), AWS's texts and JSON for state
 * reasons, history and notifications ({@link io.wharf.cloudwatch.alarms.AlarmTexts}), and the way out to SNS
 * ({@link io.wharf.cloudwatch.alarms.AlarmActions}, wired by the server so that cloudwatch does not depend on sns).
 */
package io.wharf.cloudwatch.alarms;
