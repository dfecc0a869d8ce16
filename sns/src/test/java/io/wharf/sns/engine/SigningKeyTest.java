package io.wharf.sns.engine;

import io.wharf.storage.MemoryStore;
import io.wharf.storage.WriteBatch;
import io.wharf.storage.crypto.MasterKey;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SNS signing key at rest: wrapped by the master key, a plain one from before migrated. */
class SigningKeyTest {
    private static final byte[] RECORD = "signing-key".getBytes(StandardCharsets.UTF_8);
    private final MemoryStore store = new MemoryStore();
    private final SnsStoreLayout layout = new SnsStoreLayout(store);
    private final MasterKey master = MasterKey.of(new byte[32]);

    @Test
    void theStoredRecordHoldsTheKeyWrappedAndTheSameKeyComesBack() throws Exception {
        SigningKey made = SigningKey.loadOrCreate(store, layout.keys, master);
        var record = Json.read(store.get(layout.keys, RECORD));
        assertThat(record.has("key")).isFalse();
        byte[] pkcs8 = master.unwrap(Base64.getDecoder().decode(record.path("wrappedKey").asText()), SigningKey.PURPOSE);
        assertThat(new String(store.get(layout.keys, RECORD), StandardCharsets.ISO_8859_1))
                .doesNotContain(Base64.getEncoder().encodeToString(pkcs8).substring(0, 40));

        SigningKey reopened = SigningKey.loadOrCreate(store, layout.keys, master);
        assertThat(reopened.certificateName()).isEqualTo(made.certificateName());
        assertThat(verifies(reopened, made.sign("2", "text"), "text")).isTrue();
        assertThatThrownBy(() -> SigningKey.loadOrCreate(store, layout.keys, MasterKey.ephemeral()))
                .isInstanceOf(MasterKey.WrongKeyException.class);
    }

    @Test
    void aPlainKeyFromBeforeWrappingIsRewrittenWrapped() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        SigningKey fresh = SigningKey.create();
        // an old record: the private key in plain beside a certificate
        String plainKey = Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());
        store.commit(new WriteBatch().put(layout.keys, RECORD, Json.bytes(Json.MAPPER.createObjectNode()
                .put("key", plainKey)
                .put("certificate", Base64.getEncoder().encodeToString(fresh.certificate().getEncoded())))));

        SigningKey migrated = SigningKey.loadOrCreate(store, layout.keys, master);

        var record = Json.read(store.get(layout.keys, RECORD));
        assertThat(record.has("key")).isFalse();
        assertThat(master.unwrap(Base64.getDecoder().decode(record.path("wrappedKey").asText()), SigningKey.PURPOSE))
                .isEqualTo(pair.getPrivate().getEncoded());
        Signature check = Signature.getInstance("SHA256withRSA");
        check.initVerify(pair.getPublic());
        check.update("m".getBytes(StandardCharsets.UTF_8));
        assertThat(check.verify(Base64.getDecoder().decode(migrated.sign("2", "m")))).isTrue();
        assertThat(migrated.certificateName()).isEqualTo(fresh.certificateName());
    }

    private static boolean verifies(SigningKey key, String signature, String text) throws Exception {
        Signature check = Signature.getInstance("SHA256withRSA");
        check.initVerify(key.certificate().getPublicKey());
        check.update(text.getBytes(StandardCharsets.UTF_8));
        return check.verify(Base64.getDecoder().decode(signature));
    }
}
