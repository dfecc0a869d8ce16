/** SNS scenarios: publishing to a topic that fans out to SQS queues. */
package io.wharf.bench.sns;
