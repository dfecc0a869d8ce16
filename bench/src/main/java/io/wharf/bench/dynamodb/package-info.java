/** The DynamoDB scenarios: item calls of the kind lease managers make (gets, puts, conditional updates). */
package io.wharf.bench.dynamodb;
