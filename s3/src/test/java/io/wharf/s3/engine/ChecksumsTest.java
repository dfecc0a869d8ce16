package io.wharf.s3.engine;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ChecksumsTest {
    private static final byte[] CHECK = "123456789".getBytes(StandardCharsets.US_ASCII);

    @Test
    void crc64NvmeHasItsCheckValue() {
        Crc64Nvme crc = new Crc64Nvme();
        crc.update(CHECK, 0, CHECK.length);
        assertThat(crc.getValue()).isEqualTo(0xAE8B14860A799888L);
    }

    @Test
    void crc64NvmeIsTheSameByteByByteAndInBlocks() {
        byte[] data = new byte[10_007];
        new Random(7).nextBytes(data);
        Crc64Nvme blocks = new Crc64Nvme();
        blocks.update(data, 0, 5_003);
        blocks.update(data, 5_003, data.length - 5_003);
        Crc64Nvme bytes = new Crc64Nvme();
        for (byte b : data) {
            bytes.update(b);
        }
        assertThat(blocks.getValue()).isEqualTo(bytes.getValue());
    }

    @Test
    void valuesAreBase64OfBigEndianBytes() {
        // CRC-32 of "123456789" is 0xCBF43926, CRC-32C 0xE3069283
        assertThat(ChecksumAlgorithm.CRC32.of(CHECK)).isEqualTo(b64(0xCB, 0xF4, 0x39, 0x26));
        assertThat(ChecksumAlgorithm.CRC32C.of(CHECK)).isEqualTo(b64(0xE3, 0x06, 0x92, 0x83));
        assertThat(ChecksumAlgorithm.SHA256.of(new byte[0]))
                .isEqualTo("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
        assertThat(ChecksumAlgorithm.CRC32.wellFormed("AAAAAA==")).isTrue();
        assertThat(ChecksumAlgorithm.CRC32.wellFormed("AAAAAAAAAAA=")).isFalse();
        assertThat(ChecksumAlgorithm.CRC32.wellFormed("not base64!")).isFalse();
    }

    private static String b64(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return Base64.getEncoder().encodeToString(b);
    }
}
