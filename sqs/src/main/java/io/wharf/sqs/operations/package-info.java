/** One class per SQS action: read the decoded input, make one engine call, build the output tree. */
package io.wharf.sqs.operations;
