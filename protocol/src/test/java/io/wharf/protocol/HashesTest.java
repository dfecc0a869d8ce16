package io.wharf.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class HashesTest {
    @Test
    void givesTheKnownDigests() {
        assertThat(hex(Hashes.md5().digest("abc".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("900150983cd24fb0d6963f7d28e17f72");
        assertThat(hex(Hashes.sha256().digest("abc".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void eachCallIsADigestOfItsOwn() {
        MessageDigest first = Hashes.md5();
        MessageDigest second = Hashes.md5();
        assertThat(first).isNotSameAs(second);
        first.update("half-way".getBytes(StandardCharsets.US_ASCII));
        assertThat(hex(second.digest())).as("the other one's update did not reach it")
                .isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
        assertThat(hex(Hashes.md5().digest())).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
