/**
 * The disk's own floor for durable writes: {@code wharf-bench disk} times a small append followed by
 * {@code fdatasync}, back to back and after idle gaps, with no server, no RocksDB and no Java request path in the way.
 * A durable Wharf call cannot be answered sooner than one such write after the gap its caller leaves, so this is the
 * figure its latency is set against (docs/benchmarks.md, "The disk after an idle gap").
 */
package io.wharf.bench.disk;
