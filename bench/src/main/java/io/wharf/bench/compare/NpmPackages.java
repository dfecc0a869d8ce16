package io.wharf.bench.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The Node.js peers (kinesalite, dynalite), as published on npm: each installed once with {@code npm install}
 * into the cache directory ({@code <package>-<version>/}), install scripts skipped (the peers run in memory, so no
 * native LevelDB build is needed), and found there again by its manifest.
 */
final class NpmPackages {
    private static final Pattern VERSION = Pattern.compile("[0-9]+\\.[0-9]+\\.[0-9]+");
    private static final long INSTALL_TIMEOUT_SECONDS = 300;

    private NpmPackages() {
    }

    static Path installDirectory(String name, Path cacheDirectory, String version) {
        if (!VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("--" + name + "-version must look like 1.2.3, got '" + version + "'");
        }
        return cacheDirectory.resolve(name + "-" + version);
    }

    /** Whether {@code home} holds the package at exactly {@code version}. */
    static boolean installed(String name, Path home, String version) throws IOException {
        Path manifest = home.resolve("node_modules").resolve(name).resolve("package.json");
        return Files.isRegularFile(manifest)
                && Files.readString(manifest).contains("\"version\": \"" + version + "\"");
    }

    /** Installs the package with npm the first time; answers its directory. */
    static Path install(String name, String version, Path cacheDirectory) throws IOException, InterruptedException {
        Path home = installDirectory(name, cacheDirectory, version);
        if (installed(name, home, version)) {
            return home;
        }
        Files.createDirectories(home);
        Path npmLog = home.resolve("npm.log");
        System.err.println("wharf-bench: installing " + name + "@" + version + " with npm into " + home);
        Process npm;
        try {
            npm = new ProcessBuilder("npm", "install", "--prefix", home.toString(), "--no-audit", "--no-fund",
                    "--ignore-scripts", name + "@" + version)
                    .redirectErrorStream(true).redirectOutput(npmLog.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException(name + " needs npm and node (Node.js) on PATH: " + e.getMessage(), e);
        }
        if (!npm.waitFor(INSTALL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            npm.destroyForcibly();
            throw new IllegalStateException("npm install " + name + "@" + version + " took over "
                    + INSTALL_TIMEOUT_SECONDS + " s; see " + npmLog);
        }
        if (npm.exitValue() != 0 || !installed(name, home, version)) {
            throw new IllegalStateException("npm could not install " + name + "@" + version + " (exit "
                    + npm.exitValue() + "); see " + npmLog);
        }
        return home;
    }
}
