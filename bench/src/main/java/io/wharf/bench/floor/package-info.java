/**
 * The {@code floor} target: a minimal Netty HTTP server that answers the calls the SQS and Kinesis scenarios make
 * with valid answers and as little work as an answer allows (parse the request, MD5 the bodies the SDK checks, hand
 * messages and records from producers to readers through a lock-free queue, write the answer), so the same load
 * generator shows what the machine and the client reach against "no server work at all". Not a server to use:
 * no visibility timeouts, no durability, no signatures, no validation beyond what the answers need.
 */
package io.wharf.bench.floor;
