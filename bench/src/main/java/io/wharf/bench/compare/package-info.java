/**
 * {@code wharf-bench compare}: starts each {@link io.wharf.bench.compare.Target} on loopback as its own
 * process (Wharf from its jar; ElasticMQ from Maven's local repository, resolved by Maven; kinesalite
 * installed once by npm into a cache directory), runs the same scenarios against each target that serves
 * them in turn, and prints the {@link io.wharf.bench.compare.ComparisonTable}.
 */
package io.wharf.bench.compare;
