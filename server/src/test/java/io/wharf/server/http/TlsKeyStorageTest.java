package io.wharf.server.http;

import io.wharf.storage.crypto.MasterKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The self-signed certificate's private key on disk: only wrapped by the master key, owner-only. */
class TlsKeyStorageTest {
    private final MasterKey master = MasterKey.of(new byte[32]);

    @Test
    void theKeyFileIsWrappedOwnerOnlyAndOpensOnlyWithItsMasterKey(@TempDir Path dir) throws Exception {
        Tls.selfSigned(dir, master);

        assertThat(dir.resolve(Tls.PLAIN_KEY_FILE)).doesNotExist();
        Path wrapped = dir.resolve(Tls.WRAPPED_KEY_FILE);
        String text = Files.readString(wrapped);
        assertThat(text).startsWith(Tls.WRAPPED_HEADER + "\n").doesNotContain("-----BEGIN");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(wrapped))).isEqualTo("rw-------");
        byte[] pkcs8 = master.unwrap(Base64.getMimeDecoder().decode(text.substring(Tls.WRAPPED_HEADER.length() + 1)),
                Tls.KEY_PURPOSE);
        assertThat(pkcs8.length).isGreaterThan(1000); // an RSA-2048 PKCS#8 key

        Tls.selfSigned(dir, master); // reopens
        assertThatThrownBy(() -> Tls.selfSigned(dir, MasterKey.ephemeral()))
                .isInstanceOf(MasterKey.WrongKeyException.class);
    }

    @Test
    void aPlainKeyFromAnOlderWharfIsWrappedAndDeletedKeepingTheCertificate(@TempDir Path dir) throws Exception {
        String[] pem = Tls.makeSelfSigned();
        Files.writeString(dir.resolve(Tls.CERTIFICATE_FILE), pem[0]);
        Files.writeString(dir.resolve(Tls.PLAIN_KEY_FILE), pem[1]);

        Tls.selfSigned(dir, master);

        assertThat(dir.resolve(Tls.PLAIN_KEY_FILE)).doesNotExist();
        assertThat(Files.readString(dir.resolve(Tls.CERTIFICATE_FILE))).isEqualTo(pem[0]);
        String text = Files.readString(dir.resolve(Tls.WRAPPED_KEY_FILE));
        byte[] pkcs8 = master.unwrap(Base64.getMimeDecoder().decode(text.substring(Tls.WRAPPED_HEADER.length() + 1)),
                Tls.KEY_PURPOSE);
        String body = pem[1].replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "");
        assertThat(pkcs8).isEqualTo(Base64.getMimeDecoder().decode(body.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void aPlainFileThatIsNoKeyIsNotWrapped(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(Tls.CERTIFICATE_FILE), Tls.makeSelfSigned()[0]);
        Files.writeString(dir.resolve(Tls.PLAIN_KEY_FILE), "not a key");
        assertThatThrownBy(() -> Tls.selfSigned(dir, master)).hasMessageContaining("not a PEM PKCS#8 private key");
        assertThat(dir.resolve(Tls.WRAPPED_KEY_FILE)).doesNotExist();
    }
}
