package io.wharf.bench.compare;

import io.wharf.bench.mq.BrokerSettings;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What starting a target needs.
 *
 * @param java               the java binary for every server (the one running this tool: JDK 21 or newer)
 * @param wharfJar           Wharf's runnable jar
 * @param workDirectory      logs, configs and data directories of this compare
 * @param serverJvmArgs      extra JVM options for every server started (a heap size, JFR…)
 * @param elasticMqVersion   the ElasticMQ server version Maven resolves
 * @param kinesaliteVersion  the kinesalite version npm installs
 * @param dynaliteVersion    the dynalite version npm installs
 * @param cacheDirectory     where installed peers are kept between compares (kinesalite, dynalite)
 * @param storeStatistics    durable Wharf targets log their store's statistics to {@code <label>-store-stats.log}
 * @param jfr                Wharf targets record a JFR profile into {@code <label>.jfr}
 * @param beforeJar          the jar the {@code wharf-*-before} targets run (another build), or null
 * @param brokerUser         the user (and password) of every ActiveMQ broker of this compare: the {@code activemq}
 *                           target's, and those created through a Wharf's MQ API for {@code mq-jms}
 */
public record Launch(Path java, Path wharfJar, Path workDirectory, List<String> serverJvmArgs, String elasticMqVersion,
              String kinesaliteVersion, String dynaliteVersion, Path cacheDirectory, boolean storeStatistics,
              boolean jfr, Path beforeJar, BrokerSettings brokerUser) {

    Launch(Path java, Path wharfJar, Path workDirectory, List<String> serverJvmArgs, String elasticMqVersion,
           String kinesaliteVersion, String dynaliteVersion, Path cacheDirectory, boolean storeStatistics,
           boolean jfr, Path beforeJar) {
        this(java, wharfJar, workDirectory, serverJvmArgs, elasticMqVersion, kinesaliteVersion, dynaliteVersion,
                cacheDirectory, storeStatistics, jfr, beforeJar, BrokerSettings.NONE);
    }

    public Launch(Path java, Path wharfJar, Path workDirectory, List<String> serverJvmArgs, String elasticMqVersion,
           String kinesaliteVersion, String dynaliteVersion, Path cacheDirectory) {
        this(java, wharfJar, workDirectory, serverJvmArgs, elasticMqVersion, kinesaliteVersion, dynaliteVersion,
                cacheDirectory, false, false, null, BrokerSettings.NONE);
    }

    /** Where a durable Wharf target logs its store's statistics (with {@link #storeStatistics}). */
    Path storeStatisticsFile(String label) {
        return workDirectory.resolve(label + "-store-stats.log");
    }

    /** Where a Wharf target's JFR recording goes (with {@link #jfr}). */
    Path jfrFile(String label) {
        return workDirectory.resolve(label + ".jfr");
    }

    /**
     * The cache unless told otherwise: {@code $WHARF_BENCH_CACHE}, else {@code $XDG_CACHE_HOME/wharf-bench},
     * else {@code ~/.cache/wharf-bench}.
     */
    static Path defaultCacheDirectory(Map<String, String> environment, Path home) {
        String explicit = environment.get("WHARF_BENCH_CACHE");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = environment.get("XDG_CACHE_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".cache")).resolve("wharf-bench");
    }
}
