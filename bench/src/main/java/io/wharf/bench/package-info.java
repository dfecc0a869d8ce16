/**
 * {@code wharf-bench}: the command line ({@link io.wharf.bench.Main}) with its two commands, {@code run}
 * (one scenario against any endpoint) and {@code compare} (Wharf and its peers started here, the same
 * scenarios against each, alternating, with ratios).
 */
package io.wharf.bench;
