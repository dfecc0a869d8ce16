package io.wharf.mq.broker.activemq;

import io.wharf.storage.OwnerOnly;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The ActiveMQ web console's bundle (module {@code mq-console}: an embedded Tomcat, ActiveMQ's console war and the
 * launcher class), unpacked from Wharf's class path into a directory and run in a class loader of its own whose
 * parent is the platform class loader: Tomcat's Servlet 6.1 API must not meet the Jetty 11 / Servlet 5 one the
 * WebSocket transport uses, nor the war's Spring and ActiveMQ 6.1 jars Wharf's 6.3 broker. Only JDK types cross
 * (see {@code io.wharf.mqconsole.TomcatConsole}).
 *
 * <p>One bundle per directory per process, unpacked afresh the first time a console starts (so it always matches
 * the running Wharf): {@code lib/} (Tomcat), {@code classes/} (the launcher) and {@code webapp/} (the war unpacked,
 * with Wharf's {@code WEB-INF/webconsole-embedded.xml} and the JSTL jars laid over it). Owner-only, like the rest of
 * the data directory.
 */
final class WebConsoleBundle {
    private static final String ROOT = "META-INF/wharf/mq-console";
    private static final String WAR = "webapp/activemq-web-console.war";
    private static final String LAUNCHER = "io.wharf.mqconsole.TomcatConsole";
    private static final Map<Path, WebConsoleBundle> BUNDLES = new HashMap<>();

    private final Path webapp;
    private final ClassLoader loader;
    private final Method start;

    private WebConsoleBundle(Path webapp, ClassLoader loader, Method start) {
        this.webapp = webapp;
        this.loader = loader;
        this.start = start;
    }

    /** The bundle unpacked in {@code directory} (its previous content replaced the first time in this process). */
    static WebConsoleBundle in(Path directory) {
        synchronized (BUNDLES) {
            WebConsoleBundle bundle = BUNDLES.get(directory);
            if (bundle == null) {
                bundle = unpack(directory);
                BUNDLES.put(directory, bundle);
            }
            return bundle;
        }
    }

    /** Whether Wharf was built with the console bundle (it always is; a class path without it has no console). */
    static boolean available() {
        return WebConsoleBundle.class.getClassLoader().getResource(ROOT + "/" + WAR) != null;
    }

    Path webapp() {
        return webapp;
    }

    /** Calls the launcher's {@code start(Map)}; the answer is an {@link AutoCloseable} and an {@code IntSupplier}. */
    Object start(Map<String, Object> settings) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return start.invoke(null, settings);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static WebConsoleBundle unpack(Path directory) {
        try {
            io.wharf.storage.FileTrees.deleteTree(directory);
            Files.createDirectories(directory);
            OwnerOnly.restrict(directory);
            copyBundle(directory);
            Path webapp = directory.resolve("webapp");
            Path war = directory.resolve(WAR);
            unzip(war, webapp);
            Files.delete(war);
            OwnerOnly.restrictTree(directory);
            List<URL> urls = new ArrayList<>();
            urls.add(directory.resolve("classes").toUri().toURL());
            try (Stream<Path> jars = Files.list(directory.resolve("lib"))) {
                for (Path jar : jars.sorted().toList()) {
                    urls.add(jar.toUri().toURL());
                }
            }
            ClassLoader loader = new URLClassLoader("wharf-mq-console", urls.toArray(URL[]::new),
                    ClassLoader.getPlatformClassLoader());
            Method start = Class.forName(LAUNCHER, true, loader).getMethod("start", Map.class);
            return new WebConsoleBundle(webapp, loader, start);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the ActiveMQ web console into " + directory, e);
        } catch (ReflectiveOperationException | URISyntaxException e) {
            throw new IllegalStateException("the ActiveMQ web console bundle is incomplete", e);
        }
    }

    /** Copies the bundle's files from Wharf's class path: a directory in a build, entries of Wharf's jar otherwise. */
    private static void copyBundle(Path target) throws IOException, URISyntaxException {
        URL marker = WebConsoleBundle.class.getClassLoader().getResource(ROOT + "/" + WAR);
        if (marker == null) {
            throw new IOException("the ActiveMQ web console bundle (" + ROOT + ") is not on the class path");
        }
        URI uri = marker.toURI();
        if ("jar".equals(uri.getScheme())) {
            FileSystem opened = null;
            FileSystem jar;
            try {
                jar = opened = FileSystems.newFileSystem(uri, Map.of());
            } catch (java.nio.file.FileSystemAlreadyExistsException e) {
                jar = FileSystems.getFileSystem(uri);
            }
            try {
                copyTree(jar.getPath(ROOT), target);
            } finally {
                if (opened != null) {
                    opened.close();
                }
            }
        } else {
            Path war = Path.of(uri);
            copyTree(war.getParent().getParent(), target);
        }
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : paths.toList()) {
                Path copy = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(path, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /**
     * Unpacks the war; files already there (Wharf's overlay) stay as they are. The war's Jetty WebSocket jars are left
     * out: they serve the console's live-update servlets in ActiveMQ's own Jetty, and in Tomcat they would only
     * announce a container initializer that needs Jetty.
     */
    private static void unzip(Path war, Path target) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        try (InputStream in = Files.newInputStream(war); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                Path path = root.resolve(entry.getName()).normalize();
                if (!path.startsWith(root)) {
                    throw new IOException("the console war has an entry outside its root: " + entry.getName());
                }
                if (entry.getName().startsWith("WEB-INF/lib/websocket-")) {
                    continue;
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else if (!Files.exists(path)) {
                    Files.createDirectories(path.getParent());
                    Files.copy(zip, path);
                }
            }
        }
    }

}
