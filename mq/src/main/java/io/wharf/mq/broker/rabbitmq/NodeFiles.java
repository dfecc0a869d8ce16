package io.wharf.mq.broker.rabbitmq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.mq.broker.BrokerSpec;
import io.wharf.storage.OwnerOnly;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One broker's files under its data directory, every one owner-only (directories 0700, files 0600; the node itself
 * runs with umask 077):
 * <pre>
 * &lt;dataDirectory&gt;/
 *   home/.erlang.cookie  the node's Erlang cookie: random, made once, kept (Erlang reads it from $HOME)
 *   mnesia/              RABBITMQ_MNESIA_BASE: schema, queues, message stores — what survives a reboot
 *   log/                 RABBITMQ_LOG_BASE: rabbit.log (rotated at 10 MB, 5 kept); console.log = stdout/stderr
 *   rabbitmq.conf        rewritten at every start: listeners, TLS, definitions file, the configuration's keys
 *   definitions.json     rewritten at every start: the API's users as salted SHA-256 hashes, vhost "/", permissions
 *   api-users            the names of the API's users Wharf put in the node, one a line: a name that is no longer
 *                        the API's at a start is a deleted user, removed from the node once it runs
 *   enabled_plugins      rewritten at every start
 *   rabbitmq-env.conf    empty, so the host's /etc/rabbitmq/rabbitmq-env.conf is never read
 *   tls/cert.pem, key.pem the broker's certificate chain and key, when it has TLS
 *   rabbitmq.pid         the node's OS pid (RabbitMQ writes it), epmd.pid "pid port" (Wharf writes it): how a
 *                        start finds processes a killed Wharf left behind
 * </pre>
 * Passwords are never written: the definitions file holds RabbitMQ's salted hashes only.
 */
final class NodeFiles {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int COOKIE_LENGTH = 32;
    private static final ObjectMapper JSON = new ObjectMapper();

    final Path root;
    final Path home;
    final Path cookie;
    final Path mnesia;
    final Path log;
    final Path config;
    final Path definitions;
    final Path apiUsers;
    final Path enabledPlugins;
    final Path envConfig;
    final Path tls;
    final Path nodePid;
    final Path epmdPid;
    final Path consoleLog;
    final Path rabbitLog;

    NodeFiles(Path root) {
        this.root = root;
        this.home = root.resolve("home");
        this.cookie = home.resolve(".erlang.cookie");
        this.mnesia = root.resolve("mnesia");
        this.log = root.resolve("log");
        this.config = root.resolve("rabbitmq.conf");
        this.definitions = root.resolve("definitions.json");
        this.apiUsers = root.resolve("api-users");
        this.enabledPlugins = root.resolve("enabled_plugins");
        this.envConfig = root.resolve("rabbitmq-env.conf");
        this.tls = root.resolve("tls");
        this.nodePid = root.resolve("rabbitmq.pid");
        this.epmdPid = root.resolve("epmd.pid");
        this.consoleLog = log.resolve("console.log");
        this.rabbitLog = log.resolve("rabbit.log");
    }

    /** Creates the directories and the cookie (once), and narrows whatever is there to owner-only. */
    void prepare() {
        try {
            for (Path directory : List.of(root, home, mnesia, log)) {
                Files.createDirectories(directory);
                OwnerOnly.restrict(directory);
            }
            if (!Files.exists(cookie)) {
                StringBuilder value = new StringBuilder(COOKIE_LENGTH);
                for (int i = 0; i < COOKIE_LENGTH; i++) {
                    value.append((char) ('A' + RANDOM.nextInt(26)));
                }
                writeOwnerOnly(cookie, value.toString());
            }
            writeOwnerOnly(envConfig, "");
            OwnerOnly.restrictTree(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the files a start reads; {@code conf} is the complete {@code rabbitmq.conf}, {@code removed} the names
     * of deleted API users still in the node.
     */
    void writeStartFiles(String conf, List<BrokerSpec.BrokerUser> users, Set<String> removed, boolean management)
            throws IOException {
        writeOwnerOnly(config, conf);
        writeOwnerOnly(definitions, definitionsJson(users, removed));
        writeOwnerOnly(enabledPlugins, management ? "[rabbitmq_management].\n" : "[].\n");
    }

    void writeTls(BrokerSpec.Tls material) throws IOException {
        Files.createDirectories(tls);
        OwnerOnly.restrict(tls);
        writeOwnerOnly(tls.resolve("cert.pem"), material.certificateChainPem());
        writeOwnerOnly(tls.resolve("key.pem"), material.privateKeyPem());
    }

    /**
     * RabbitMQ's definitions format: each API user with its password as {@code rabbit_password_hashing_sha256},
     * tagged {@code administrator} (Amazon MQ makes the broker's API user its administrator, console included) and
     * given every permission on the default vhost. Loaded at every boot: a changed password is applied by a reboot,
     * as on Amazon MQ. Users made through RabbitMQ itself (management, rabbitmqctl) stay untouched.
     *
     * <p>Definitions cannot delete a user, so a {@code removed} one (deleted through the API, still in the node's
     * database) is written without a password hash and without tags: the boot overwrites its hash, so it cannot sign
     * in from the node's first moment, before {@link RabbitMqNode} deletes it with {@code rabbitmqctl}.
     */
    static String definitionsJson(List<BrokerSpec.BrokerUser> users, Set<String> removed) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode userNodes = root.putArray("users");
        ArrayNode permissions = root.putArray("permissions");
        for (BrokerSpec.BrokerUser user : users) {
            if (user.replicationUser()) {
                continue; // federation between brokers: not run here
            }
            ObjectNode node = userNodes.addObject();
            node.put("name", user.username());
            node.put("password_hash", PasswordHash.hash(user.password()));
            node.put("hashing_algorithm", PasswordHash.ALGORITHM);
            node.putArray("tags").add("administrator");
            ObjectNode permission = permissions.addObject();
            permission.put("user", user.username());
            permission.put("vhost", "/");
            permission.put("configure", ".*");
            permission.put("write", ".*");
            permission.put("read", ".*");
        }
        for (String name : removed) {
            ObjectNode node = userNodes.addObject();
            node.put("name", name);
            node.put("password_hash", ""); // RabbitMQ refuses every password of a user without a hash
            node.put("hashing_algorithm", PasswordHash.ALGORITHM);
            node.putArray("tags");
        }
        root.putArray("vhosts").addObject().put("name", "/");
        return root.toPrettyString();
    }

    /** The names of the API's users (replication users are not put in the node). */
    static Set<String> apiUserNames(List<BrokerSpec.BrokerUser> users) {
        Set<String> names = new TreeSet<>();
        for (BrokerSpec.BrokerUser user : users) {
            if (!user.replicationUser()) {
                names.add(user.username());
            }
        }
        return names;
    }

    /**
     * The API users Wharf has put in the node and not removed: {@code api-users}, or for a node started before that
     * file was kept, the users of its last definitions file.
     */
    Set<String> recordedApiUsers() throws IOException {
        Set<String> names = new TreeSet<>();
        if (Files.isRegularFile(apiUsers)) {
            for (String line : Files.readAllLines(apiUsers, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    names.add(line.strip());
                }
            }
        } else if (Files.isRegularFile(definitions)) {
            JsonNode users = JSON.readTree(definitions.toFile()).path("users");
            for (JsonNode user : users) {
                if (!user.path("password_hash").asText().isEmpty()) {
                    names.add(user.path("name").asText());
                }
            }
        }
        return names;
    }

    void recordApiUsers(Set<String> names) throws IOException {
        StringBuilder text = new StringBuilder();
        names.forEach(name -> text.append(name).append('\n'));
        writeOwnerOnly(apiUsers, text.toString());
    }

    /** The last {@code lines} lines of the node's log and console output, for a start that failed. */
    String logTail(int lines) {
        List<String> tail = new ArrayList<>();
        for (Path file : List.of(consoleLog, rabbitLog)) {
            if (Files.isRegularFile(file)) {
                try {
                    List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
                    tail.add("--- " + root.relativize(file) + " ---");
                    tail.addAll(all.subList(Math.max(0, all.size() - lines), all.size()));
                } catch (IOException | UncheckedIOException e) {
                    tail.add("--- " + file.getFileName() + " unreadable: " + e.getMessage());
                }
            }
        }
        return tail.isEmpty() ? "(no log written)" : String.join("\n", tail);
    }

    /** What the node printed to its console after the log held {@code offset} bytes; empty when unreadable. */
    String consoleSince(long offset) {
        try (SeekableByteChannel channel = Files.newByteChannel(consoleLog)) {
            long size = channel.size();
            if (size <= offset) {
                return "";
            }
            ByteBuffer bytes = ByteBuffer.allocate((int) Math.min(size - offset, 1 << 20));
            channel.position(offset);
            while (bytes.hasRemaining() && channel.read(bytes) > 0) {
                // read on
            }
            return new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The port of the broker's epmd, from {@link #epmdPid} ({@code "<pid> <port>"}, as the node's start wrote it). */
    int epmdPort() throws IOException {
        return Integer.parseInt(Files.readString(epmdPid).strip().split("\\s+")[1]);
    }

    static void writeOwnerOnly(Path file, String content) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OwnerOnly.FILE));
        Files.writeString(temporary, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        OwnerOnly.restrict(file);
    }
}
