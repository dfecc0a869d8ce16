package io.wharf.server;

import io.wharf.server.config.ConfigException;
import io.wharf.server.config.WharfConfig;
import io.wharf.server.http.ListenException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WharfTest {

    private static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void startsOnAnEphemeralPortAndAnswersHealth() throws Exception {
        try (Wharf wharf = Wharf.start(WharfConfig.builder().port(0).inMemory(true).build())) {
            assertThat(wharf.port()).isPositive();
            assertThat(wharf.endpoint()).isEqualTo("http://127.0.0.1:" + wharf.port());
            assertThat(get(wharf.endpoint() + "/_wharf/health").body()).isEqualTo("{\"status\":\"ok\"}");
            // Everything else goes to the service gateway.
            assertThat(get(wharf.endpoint() + "/").statusCode()).isNotEqualTo(404);
        }
    }

    @Test
    void closeIsIdempotent() {
        Wharf wharf = Wharf.start(WharfConfig.builder().port(0).inMemory(true).build());
        wharf.close();
        wharf.close();
    }

    @Test
    void createsTheDataDirectory(@TempDir Path temp) {
        Path dataDir = temp.resolve("a/b/data");
        Wharf wharf = Wharf.start(WharfConfig.builder().port(0).dataDir(dataDir).build());
        try {
            assertThat(dataDir).isDirectory();
            assertThat(wharf.config().inMemory()).isFalse();
        } finally {
            wharf.close();
        }
    }

    @Test
    void largeUploadsAreSpooledUnderTheDataDirectoryWhichIsClearedAtEachStart(@TempDir Path temp) throws Exception {
        Path dataDir = temp.resolve("data");
        Path spool = dataDir.resolve("tmp");
        try (Wharf wharf = Wharf.start(WharfConfig.builder().port(0).dataDir(dataDir).build())) {
            assertThat(Files.getPosixFilePermissions(spool)).isEqualTo(io.wharf.storage.OwnerOnly.DIRECTORY);
            HttpResponse<String> answer = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(wharf.endpoint() + "/bucket/key"))
                            .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[3 * 1024 * 1024])).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isLessThan(500); // whichever service answers, the body reached it
            try (var files = Files.list(spool)) {
                assertThat(files).isEmpty(); // and its file went after the answer
            }
        }
        Path stale = Files.writeString(spool.resolve("left-by-a-kill.body"), "partial upload");
        try (Wharf ignored = Wharf.start(WharfConfig.builder().port(0).dataDir(dataDir).build())) {
            assertThat(stale).doesNotExist();
        }
    }

    @Test
    void unusableDataDirectoryFailsClearly(@TempDir Path temp) throws Exception {
        Path file = Files.writeString(temp.resolve("not-a-dir"), "x");
        assertThatThrownBy(() -> Wharf.start(WharfConfig.builder().port(0).dataDir(file.resolve("data")).build()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("invalid --data-dir '" + file.resolve("data") + "': cannot create or write it");
    }

    @Test
    void inMemoryIgnoresTheDataDirectory(@TempDir Path temp) {
        Path dataDir = temp.resolve("never");
        Wharf wharf = Wharf.start(WharfConfig.builder().port(0).inMemory(true).dataDir(dataDir).build());
        try {
            assertThat(dataDir).doesNotExist();
        } finally {
            wharf.close();
        }
    }

    @Test
    void portInUseFailsClearly() {
        try (Wharf first = Wharf.start(WharfConfig.builder().port(0).inMemory(true).build())) {
            assertThatThrownBy(() -> Wharf.start(WharfConfig.builder().port(first.port()).inMemory(true).build()))
                    .isInstanceOf(ListenException.class)
                    .hasMessageStartingWith("cannot listen on 127.0.0.1:" + first.port() + ": ");
        }
    }

    @Test
    void enforcingWithoutARootKeyMakesOneOnceAndKeepsItPrivate(@TempDir Path temp) throws Exception {
        Path dataDir = temp.resolve("data");
        WharfConfig config = WharfConfig.builder().port(0).dataDir(dataDir)
                .auth(io.wharf.protocol.auth.AuthMode.ENFORCE).build();
        String first;
        try (Wharf ignored = Wharf.start(config)) {
            Path file = dataDir.resolve("root-credentials");
            assertThat(Files.getPosixFilePermissions(file))
                    .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            first = Files.readString(file);
            assertThat(first).containsPattern("aws_access_key_id = AKIA[A-Z2-7]{16}\n")
                    .containsPattern("aws_secret_access_key = \\S{40}\n");
            // The key id carries the account, as AWS's do.
            String keyId = first.replaceAll("(?s).*aws_access_key_id = (\\S+).*", "$1");
            assertThat(io.wharf.iam.engine.AccessKeyIds.accountOf(keyId)).isEqualTo(config.accountId());
        }
        try (Wharf ignored = Wharf.start(config)) {
            assertThat(Files.readString(dataDir.resolve("root-credentials"))).isEqualTo(first);
        }
    }

    @Test
    void withAuthOffNoKeyIsMade(@TempDir Path temp) {
        Path dataDir = temp.resolve("data");
        try (Wharf ignored = Wharf.start(WharfConfig.builder().port(0).dataDir(dataDir).build())) {
            assertThat(dataDir.resolve("root-credentials")).doesNotExist();
        }
    }

    @Test
    void theMasterKeyIsMadeOncePrivateAndKept(@TempDir Path temp) throws Exception {
        Path dataDir = temp.resolve("data");
        WharfConfig config = WharfConfig.builder().port(0).dataDir(dataDir).build();
        String first;
        try (Wharf ignored = Wharf.start(config)) {
            Path file = dataDir.resolve("master-key");
            assertThat(Files.getPosixFilePermissions(file))
                    .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            first = Files.readString(file);
            assertThat(first).matches("[0-9a-f]{64}\n");
        }
        try (Wharf ignored = Wharf.start(config)) {
            assertThat(Files.readString(dataDir.resolve("master-key"))).isEqualTo(first);
        }
    }

    @Test
    void theDurableStoreRunsWithTheConfiguredWalCapAndMemtableBudget(@TempDir Path temp) throws Exception {
        Path dataDir = temp.resolve("data");
        try (Wharf ignored = Wharf.start(WharfConfig.builder().port(0).dataDir(dataDir).storeWalMib(16)
                .storeMemtableMib(96).build())) {
            // the options RocksDB wrote when it opened the data directory's store, read back by RocksDB's own loader
            java.util.List<org.rocksdb.ColumnFamilyDescriptor> families = new java.util.ArrayList<>();
            try (org.rocksdb.ConfigOptions options = new org.rocksdb.ConfigOptions();
                 org.rocksdb.DBOptions written = new org.rocksdb.DBOptions()) {
                org.rocksdb.OptionsUtil.loadLatestOptions(options, dataDir.resolve("rocksdb").toString(), written,
                        families);
                assertThat(written.maxTotalWalSize()).isEqualTo(16L << 20);
                assertThat(written.dbWriteBufferSize()).isEqualTo(96L << 20);
            } finally {
                families.forEach(f -> f.getOptions().close());
            }
        }
    }

    @Test
    void theMasterKeyFileMayLiveElsewhere(@TempDir Path temp) {
        Path dataDir = temp.resolve("data");
        Path keyFile = temp.resolve("keys/wharf-master");
        try (Wharf ignored = Wharf.start(WharfConfig.builder().port(0).dataDir(dataDir).masterKeyFile(keyFile).build())) {
            assertThat(keyFile).exists();
            assertThat(dataDir.resolve("master-key")).doesNotExist();
        }
    }

    @Test
    void aMasterKeyThatDoesNotOpenTheKmsKeysStopsTheStart(@TempDir Path temp) throws Exception {
        Path dataDir = temp.resolve("data");
        WharfConfig config = WharfConfig.builder().port(0).dataDir(dataDir).build();
        Files.createDirectories(dataDir);
        try (io.wharf.storage.Store store = io.wharf.storage.RocksStore.open(dataDir.resolve("rocksdb"),
                io.wharf.storage.FsyncMode.ALWAYS)) {
            io.wharf.kms.KmsModule kms = io.wharf.kms.KmsModule.create(store, java.time.Clock.systemUTC(),
                    io.wharf.storage.crypto.MasterKey.ephemeral(), config.region());
            kms.dataKeys().generate(config.accountId(), "alias/aws/sqs", java.util.Map.of());
        }
        assertThatThrownBy(() -> Wharf.start(config))
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalid --master-key-file '" + dataDir.resolve("master-key") + "': this master key does "
                        + "not open the KMS keys in the data directory (they were wrapped by another master key)");
    }

    @Test
    void anUnreadableMasterKeyFileFailsClearly(@TempDir Path temp) throws Exception {
        Path keyFile = Files.writeString(temp.resolve("master-key"), "not hex\n");
        assertThatThrownBy(() -> Wharf.start(WharfConfig.builder().port(0).dataDir(temp.resolve("data"))
                .masterKeyFile(keyFile).build()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("invalid --master-key-file '" + keyFile + "': cannot read or create the master key");
    }

    @Test
    void inMemoryServersMakeNoMasterKeyFile(@TempDir Path temp) {
        Path keyFile = temp.resolve("master-key");
        try (Wharf ignored = Wharf.start(WharfConfig.builder().port(0).inMemory(true).masterKeyFile(keyFile).build())) {
            assertThat(keyFile).doesNotExist();
        }
    }

    @Test
    void aMasterKeyThatDoesNotOpenTheServicesSecretsStopsTheStart(@TempDir Path temp) throws Exception {
        Path dataDir = temp.resolve("data");
        WharfConfig config = WharfConfig.builder().port(0).dataDir(dataDir).build();
        try (Wharf ignored = Wharf.start(config)) {
            // wraps the receipt-handle, iterator and signing keys with the master key it makes
        }
        Files.writeString(dataDir.resolve("master-key"), "11".repeat(32) + "\n");
        assertThatThrownBy(() -> Wharf.start(config))
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalid --master-key-file '" + dataDir.resolve("master-key") + "': the master key does not "
                        + "open sqs receipt-handle key (another master key, or the data was altered)");
    }
}
