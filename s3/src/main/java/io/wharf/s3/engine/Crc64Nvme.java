package io.wharf.s3.engine;

import java.util.zip.Checksum;

/**
 * CRC-64/NVME (the polynomial 0xAD93D23594C93659, reflected, initial value and final xor all ones): the checksum S3
 * computes for every object a client sends none for. Table-driven, eight bytes per step (slicing-by-8). The check
 * value of {@code "123456789"} is {@code 0xAE8B14860A799888}.
 */
final class Crc64Nvme implements Checksum {
    private static final long REFLECTED_POLYNOMIAL = 0x9A6C9329AC4BC9B5L;
    private static final long[][] TABLES = tables();

    private long crc = -1L;

    private static long[][] tables() {
        long[][] t = new long[8][256];
        for (int n = 0; n < 256; n++) {
            long c = n;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ REFLECTED_POLYNOMIAL : c >>> 1;
            }
            t[0][n] = c;
        }
        for (int n = 0; n < 256; n++) {
            for (int k = 1; k < 8; k++) {
                t[k][n] = (t[k - 1][n] >>> 8) ^ t[0][(int) (t[k - 1][n] & 0xff)];
            }
        }
        return t;
    }

    @Override
    public void update(int b) {
        crc = (crc >>> 8) ^ TABLES[0][(int) ((crc ^ b) & 0xff)];
    }

    @Override
    public void update(byte[] b, int off, int len) {
        long c = crc;
        long[][] t = TABLES;
        while (len >= 8) {
            long v = (b[off] & 0xffL) | (b[off + 1] & 0xffL) << 8 | (b[off + 2] & 0xffL) << 16
                    | (b[off + 3] & 0xffL) << 24 | (b[off + 4] & 0xffL) << 32 | (b[off + 5] & 0xffL) << 40
                    | (b[off + 6] & 0xffL) << 48 | (b[off + 7] & 0xffL) << 56;
            c ^= v;
            c = t[7][(int) (c & 0xff)] ^ t[6][(int) ((c >>> 8) & 0xff)] ^ t[5][(int) ((c >>> 16) & 0xff)]
                    ^ t[4][(int) ((c >>> 24) & 0xff)] ^ t[3][(int) ((c >>> 32) & 0xff)]
                    ^ t[2][(int) ((c >>> 40) & 0xff)] ^ t[1][(int) ((c >>> 48) & 0xff)]
                    ^ t[0][(int) (c >>> 56)];
            off += 8;
            len -= 8;
        }
        while (len-- > 0) {
            c = (c >>> 8) ^ t[0][(int) ((c ^ b[off++]) & 0xff)];
        }
        crc = c;
    }

    @Override
    public long getValue() {
        return ~crc;
    }

    @Override
    public void reset() {
        crc = -1L;
    }
}
