package io.wharf.mqconsole;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.IntSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.session.StandardManager;
import org.apache.catalina.realm.GenericPrincipal;
import org.apache.catalina.realm.RealmBase;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.webresources.TomcatURLStreamHandlerFactory;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.descriptor.web.LoginConfig;
import org.apache.tomcat.util.descriptor.web.SecurityCollection;
import org.apache.tomcat.util.descriptor.web.SecurityConstraint;
import org.apache.tomcat.util.modeler.Registry;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.apache.tomcat.util.scan.StandardJarScanFilter;
import org.apache.tomcat.util.scan.StandardJarScanner;

/**
 * One broker instance's web console: ActiveMQ's console war at {@value #CONSOLE_PATH} of an embedded Tomcat, behind
 * HTTP basic authentication that the {@code authenticate} predicate decides (Wharf passes the broker's users with
 * {@code ConsoleAccess}). {@code /} redirects to the console.
 *
 * <p>This class runs in the class loader Wharf builds for this bundle (Tomcat's, not Wharf's, Servlet API): nothing
 * but JDK types cross that boundary, so Wharf calls {@link #start(Map)} reflectively and holds the answer as an
 * {@link AutoCloseable} and {@link IntSupplier} (the bound port). The settings:
 * <ul>
 *   <li>{@code webapp} — the unpacked war's directory (the console's Spring wiring is Wharf's
 *       {@code WEB-INF/webconsole-embedded.xml}, which reads the {@code parameters});
 *   <li>{@code work} — a directory of this console's own, for the compiled JSPs;
 *   <li>{@code host}, {@code port} — where to listen (port 0: a free one);
 *   <li>{@code keyStore}, {@code keyStorePassword} — the TLS identity, or no {@code keyStore} for plain HTTP;
 *   <li>{@code authenticate} — a {@code BiPredicate<String, String>} of user name and password;
 *   <li>{@code parameters} — the console context's init parameters ({@code Map<String, String>}).
 * </ul>
 */
public final class TomcatConsole implements AutoCloseable, IntSupplier {
    static final String CONSOLE_PATH = "/admin";
    private static final String ROLE = "console";
    /** Held, so that the levels set on them stay (the log manager keeps loggers only weakly). */
    private static final List<Logger> QUIETED = List.of(Logger.getLogger("org.apache.catalina"),
            Logger.getLogger("org.apache.coyote"), Logger.getLogger("org.apache.tomcat"),
            Logger.getLogger("org.apache.jasper"), Logger.getLogger("org.apache.activemq"),
            Logger.getLogger("org.springframework"));

    private static final Logger LEAK_CHECKS = Logger.getLogger("org.apache.catalina.loader.WebappClassLoaderBase");

    static {
        // Tomcat would register its components in the platform MBean server under one fixed domain for every
        // console in the process; none of them is managed that way here.
        Registry.disableRegistry();
        // Tomcat's "war:" URL handler is set JVM-wide, once: a second copy of this bundle (another data directory in
        // the same process) could not set it again. Consoles run from an unpacked war and need no "war:" URLs.
        TomcatURLStreamHandlerFactory.disable();
        for (Logger logger : QUIETED) {
            logger.setLevel(Level.WARNING);
        }
        // At a console's stop Tomcat looks for what the war's code left behind (thread locals, threads) and, on a JVM
        // without --add-opens for it, warns that it cannot look: nothing Wharf could act on.
        LEAK_CHECKS.setLevel(Level.SEVERE);
    }

    private final Tomcat tomcat;
    private final int port;

    private TomcatConsole(Tomcat tomcat, int port) {
        this.tomcat = tomcat;
        this.port = port;
    }

    /** Starts a console as {@code settings} say (see the class comment) and returns it once it serves. */
    @SuppressWarnings("unchecked")
    public static Object start(Map<String, Object> settings) throws Exception {
        String work = (String) settings.get("work");
        Tomcat tomcat = new ConsoleTomcat();
        tomcat.setSilent(true); // else it sets its contexts' loggers to INFO, over the levels above
        tomcat.setBaseDir(work);
        tomcat.getHost().setAppBase(Files.createDirectories(Path.of(work, "apps")).toString());
        tomcat.getHost().setAutoDeploy(false);
        // Webapps' class loaders below this bundle's, not below Wharf's class path (whose Servlet API is Jetty 11's).
        tomcat.getServer().setParentClassLoader(TomcatConsole.class.getClassLoader());
        tomcat.setConnector(connector((String) settings.get("host"), (Integer) settings.get("port"),
                (KeyStore) settings.get("keyStore"), (String) settings.get("keyStorePassword")));

        Context root = tomcat.addContext("", work);
        Tomcat.addServlet(root, "redirect", new RedirectToConsole());
        root.addServletMappingDecoded("/", "redirect");

        StandardContext console = (StandardContext) tomcat.addWebapp(CONSOLE_PATH, (String) settings.get("webapp"));
        // Tomcat's leak clean-up at stop would need --add-opens on Wharf's JVM; without them it only warns that it can't.
        console.setClearReferencesThreadLocals(false);
        console.setClearReferencesRmiTargets(false);
        // Sessions live in memory only: Tomcat would otherwise write them (signed-in users, form secrets) to its work
        // directory at each stop and sign them back in at the next start.
        StandardManager sessions = new StandardManager();
        sessions.setPathname(null);
        console.setManager(sessions);
        // The war's jars are scanned for JSTL's tag libraries only (nothing else in them is for a servlet container),
        // this bundle's own jars not at all.
        StandardJarScanFilter filter = new StandardJarScanFilter();
        filter.setDefaultTldScan(false);
        filter.setTldScan("jakarta.servlet.jsp.jstl-*.jar");
        filter.setDefaultPluggabilityScan(false);
        StandardJarScanner scanner = new StandardJarScanner();
        scanner.setScanClassPath(false);
        scanner.setScanManifest(false);
        scanner.setJarScanFilter(filter);
        console.setJarScanner(scanner);
        ((Map<String, String>) settings.get("parameters")).forEach(console::addParameter);
        protect(console, (BiPredicate<String, String>) settings.get("authenticate"));

        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(TomcatConsole.class.getClassLoader());
        try {
            tomcat.start();
        } catch (LifecycleException e) {
            tomcat.destroy();
            throw e;
        } finally {
            thread.setContextClassLoader(previous);
        }
        int port = tomcat.getConnector().getLocalPort();
        if (port <= 0 || !console.getState().isAvailable()) { // Tomcat logs a failed context and starts anyway
            tomcat.stop();
            tomcat.destroy();
            throw new IllegalStateException("the ActiveMQ web console did not start (see Tomcat's log above)");
        }
        return new TomcatConsole(tomcat, port);
    }

    private static Connector connector(String host, int port, KeyStore keyStore, String keyStorePassword) {
        Connector connector = new Connector(Http11NioProtocol.class.getName());
        connector.setPort(port);
        connector.setProperty("address", host);
        connector.setProperty("maxConnections", "100");
        connector.setProperty("maxThreads", "16");
        connector.setProperty("minSpareThreads", "1");
        connector.setProperty("server", "Wharf");
        connector.setXpoweredBy(false);
        if (keyStore != null) {
            connector.setScheme("https");
            connector.setSecure(true);
            connector.setProperty("SSLEnabled", "true");
            SSLHostConfig tls = new SSLHostConfig();
            SSLHostConfigCertificate certificate =
                    new SSLHostConfigCertificate(tls, SSLHostConfigCertificate.Type.UNDEFINED);
            certificate.setCertificateKeystore(keyStore);
            certificate.setCertificateKeystorePassword(keyStorePassword);
            tls.addCertificate(certificate);
            connector.addSslHostConfig(tls);
        }
        return connector;
    }

    /** Every path of the console needs a signed-in user; HTTP basic authentication, as ActiveMQ's own console has. */
    private static void protect(Context console, BiPredicate<String, String> authenticate) {
        LoginConfig login = new LoginConfig();
        login.setAuthMethod("BASIC");
        login.setRealmName("ActiveMQ");
        console.setLoginConfig(login);
        console.addSecurityRole(ROLE);
        SecurityCollection everything = new SecurityCollection();
        everything.addPattern("/*");
        SecurityConstraint constraint = new SecurityConstraint();
        constraint.addAuthRole(ROLE);
        constraint.addCollection(everything);
        console.addConstraint(constraint);
        console.setRealm(new PredicateRealm(authenticate));
    }

    /**
     * Tomcat with its base and home directory (the console's {@code work}) set on its server only. Tomcat's own
     * {@code initBaseDir} also writes them into the JVM's system properties {@code catalina.base} and
     * {@code catalina.home}, and every later Tomcat takes {@code catalina.home} from there and makes that directory
     * again if it is gone: each console that started after another broker's data was deleted brought back that
     * broker's empty {@code instance-1/console} directory (in Wharf's data directory, in the temporary one of an
     * in-memory Wharf, in the tests' deleted temporary directories).
     */
    private static final class ConsoleTomcat extends Tomcat {
        @Override
        protected void initBaseDir() {
            File base = new File(basedir);
            if (!base.isDirectory() && !base.mkdirs()) {
                throw new IllegalStateException("cannot make the console's directory " + base);
            }
            try {
                base = base.getCanonicalFile();
            } catch (IOException e) {
                base = base.getAbsoluteFile();
            }
            basedir = base.getPath();
            server.setCatalinaBase(base);
            server.setCatalinaHome(base);
        }
    }

    @Override
    public int getAsInt() {
        return port;
    }

    @Override
    public void close() throws LifecycleException {
        tomcat.stop();
        tomcat.destroy();
    }

    /** Signs in whom the predicate accepts, in the one role the console's constraint asks for. */
    private static final class PredicateRealm extends RealmBase {
        private final BiPredicate<String, String> authenticate;

        PredicateRealm(BiPredicate<String, String> authenticate) {
            this.authenticate = authenticate;
        }

        @Override
        public Principal authenticate(String username, String credentials) {
            if (username == null || credentials == null || !authenticate.test(username, credentials)) {
                return null;
            }
            return new GenericPrincipal(username, List.of(ROLE));
        }

        @Override
        protected String getPassword(String username) {
            return null; // no stored passwords: authenticate(String, String) asks the predicate
        }

        @Override
        protected Principal getPrincipal(String username) {
            return null;
        }
    }

    /** {@code /} of the console's port: AWS's ConsoleURL is the bare host and port; the console is below it. */
    private static final class RedirectToConsole extends HttpServlet {
        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.sendRedirect(CONSOLE_PATH + "/");
        }
    }
}
