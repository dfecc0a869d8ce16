package io.wharf.bench.compare;

import java.nio.file.Path;
import java.util.List;

/**
 * What starting a target needs.
 *
 * @param java             the java binary for every server (the one running this tool: JDK 21 or newer)
 * @param wharfJar         Wharf's runnable jar
 * @param workDirectory    logs, configs and data directories of this compare
 * @param serverJvmArgs    extra JVM options for every server started (a heap size, JFR…)
 * @param elasticMqVersion the ElasticMQ server version Maven resolves
 */
record Launch(Path java, Path wharfJar, Path workDirectory, List<String> serverJvmArgs, String elasticMqVersion) {
}
