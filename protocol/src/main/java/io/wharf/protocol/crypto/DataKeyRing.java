package io.wharf.protocol.crypto;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One service's encryption at rest: values sealed with AES-256-GCM under data keys that {@link DataKeys} hands
 * out, each data key reused for its resource's reuse period (SQS {@code KmsDataKeyReusePeriodSeconds}) so KMS
 * is asked once per period and resource, not once per message. The ring never touches storage itself: the
 * owning engine keeps the wrapped data keys through a {@link KeyStore} (once per data key, not per value).
 *
 * <p>A sealed value: {@code 0xE5 | format(1) | keyRef:long | nonce(12) | ciphertext+tag}. Engines' plain
 * records start with their own version byte (1 or 2) or {@code '{'}, never 0xE5, so {@link #isSealed} tells
 * records written before encryption was turned on from sealed ones. The header is authenticated data.
 *
 * <p>A wrapped data key (what {@link KeyStore#save} gets): {@code format(1) | managed:byte | reuseMillis:long |
 * account | keyArn | context (count, then name/value pairs) | blob}, strings as {@code int length + UTF-8}.
 * {@code managed} says which {@link DataKeys} made it: the KMS one, or the service's own (SSE-SQS).
 *
 * <p>Opened data keys stay in memory for their reuse period too, so reads do not ask KMS per value either.
 * Within that period a disabled KMS key is not noticed (as in AWS); a restart forgets every cached key.
 */
public final class DataKeyRing {
    /** The first byte of every sealed value. */
    public static final byte SEALED = (byte) 0xE5;
    private static final byte FORMAT = 1;
    private static final int HEADER = 1 + 1 + 8;
    private static final int NONCE = 12;
    private static final int MAX_OPENED = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Where the owning engine keeps wrapped data keys. */
    public interface KeyStore {
        /** Keeps {@code wrapped} under {@code ref}, durably, before returning. */
        void save(long ref, byte[] wrapped);

        /** What {@link #save} kept under {@code ref}, or null. */
        byte[] load(long ref);
    }

    /**
     * How one resource encrypts.
     *
     * @param managed     true for the service's own key (SSE-SQS), false for a KMS key ({@code keyId})
     * @param keyId       the KMS key as configured (id, ARN, alias); ignored when managed
     * @param context     the encryption context KMS binds the data key to (e.g. {@code aws:sqs:arn})
     * @param reuseMillis how long one data key is used, and kept open in memory
     */
    public record Scope(String accountId, boolean managed, String keyId, Map<String, String> context,
                        long reuseMillis) {
        public Scope {
            context = Map.copyOf(context);
        }
    }

    private final DataKeys kms;
    private final DataKeys managed;
    private final KeyStore store;
    private final Map<String, Key> active = new ConcurrentHashMap<>();
    private final Map<Long, Opened> opened = new ConcurrentHashMap<>();
    private final ReentrantLock generating = new ReentrantLock();
    private final long maxSeals;

    /**
     * @param kms     KMS ({@link DataKeys#NONE} where none is wired)
     * @param managed the service-managed keys (SSE-SQS), or {@link DataKeys#NONE}
     */
    public DataKeyRing(DataKeys kms, DataKeys managed, KeyStore store) {
        this(kms, managed, store, Key.MAX_SEALS);
    }

    /** As the public constructor, with a data key retired after {@code maxSeals} values (tests use a small one). */
    DataKeyRing(DataKeys kms, DataKeys managed, KeyStore store, long maxSeals) {
        this.kms = Objects.requireNonNull(kms);
        this.managed = Objects.requireNonNull(managed);
        this.store = Objects.requireNonNull(store);
        this.maxSeals = maxSeals;
    }

    /** The KMS this ring asks (to check a key without making a data key, as Kinesis does on start). */
    public DataKeys kms() {
        return kms;
    }

    /** True when {@code value} was sealed by a ring (and must be opened before it is decoded). */
    public static boolean isSealed(byte[] value) {
        return value != null && value.length > 0 && value[0] == SEALED;
    }

    /**
     * The data key {@code resource} encrypts with now: the one in use while its period lasts and the scope is
     * unchanged, else a new one from KMS, whose wrapped form is saved (durably) before it is returned.
     *
     * @throws KmsFailure if KMS refuses a new data key (disabled, deleted, denied, …)
     */
    public Key current(String resource, Scope scope, long nowMillis) throws KmsFailure {
        Key key = active.get(resource);
        if (key != null && key.usableFor(scope, nowMillis)) {
            return key;
        }
        generating.lock();
        try {
            key = active.get(resource);
            if (key != null && key.usableFor(scope, nowMillis)) {
                return key;
            }
            DataKeys.DataKey made = (scope.managed() ? managed : kms).generate(scope.accountId(), scope.keyId(),
                    scope.context());
            long ref = RANDOM.nextLong();
            store.save(ref, wrapped(scope, made));
            key = new Key(ref, new SecretKeySpec(made.plaintext(), "AES"), scope, made.keyArn(), nowMillis, maxSeals);
            active.put(resource, key);
            opened.put(ref, new Opened(key.ciphers, nowMillis + scope.reuseMillis()));
            return key;
        } finally {
            generating.unlock();
        }
    }

    /** Forgets the key {@code resource} encrypts with (its encryption changed or it was deleted). */
    public void forget(String resource) {
        active.remove(resource);
    }

    /**
     * Opens a value {@link Key#seal} made: with the data key in memory while its period lasts, else one
     * unwrapped by KMS again.
     *
     * @throws KmsFailure if KMS refuses to unwrap the data key (key disabled, deleted, …)
     * @throws IllegalStateException if the value is damaged or its data key is missing from the store
     */
    public byte[] open(byte[] sealed, long nowMillis) throws KmsFailure {
        if (!isSealed(sealed) || sealed.length < HEADER + NONCE + 16 || sealed[1] != FORMAT) {
            throw new IllegalStateException("not a sealed value");
        }
        long ref = ByteBuffer.wrap(sealed, 2, 8).getLong();
        Opened o = opened.get(ref);
        if (o == null || o.expiresAtMillis <= nowMillis) {
            o = unwrap(ref, nowMillis);
        }
        try {
            Cipher cipher = o.ciphers.take();
            cipher.init(Cipher.DECRYPT_MODE, o.ciphers.key(), new GCMParameterSpec(128, sealed, HEADER, NONCE));
            cipher.updateAAD(sealed, 0, HEADER);
            byte[] plaintext = cipher.doFinal(sealed, HEADER + NONCE, sealed.length - HEADER - NONCE);
            o.ciphers.give(cipher);
            return plaintext;
        } catch (javax.crypto.AEADBadTagException e) {
            throw new IllegalStateException("a sealed value does not open under its data key (damaged)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    private Opened unwrap(long ref, long nowMillis) throws KmsFailure {
        byte[] record = store.load(ref);
        if (record == null) {
            throw new IllegalStateException("the data key of a sealed value is missing from the store");
        }
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(record))) {
            if (in.readByte() != FORMAT) {
                throw new IllegalStateException("unknown data key format");
            }
            boolean isManaged = in.readBoolean();
            long reuseMillis = in.readLong();
            String account = readString(in);
            readString(in); // the key ARN: for people reading the store
            int count = in.readInt();
            Map<String, String> context = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                context.put(readString(in), readString(in));
            }
            byte[] blob = in.readAllBytes();
            byte[] plaintext = (isManaged ? managed : kms).decrypt(account, blob, context);
            SecretKeySpec key = new SecretKeySpec(plaintext, "AES");
            if (opened.size() >= MAX_OPENED) {
                opened.clear(); // a bound, not a policy: keys are unwrapped again as they are needed
            }
            Opened o = new Opened(new GcmCiphers(key), nowMillis + reuseMillis);
            opened.put(ref, o);
            return o;
        } catch (IOException e) {
            throw new IllegalStateException("a damaged data key record", e);
        }
    }

    private static byte[] wrapped(Scope scope, DataKeys.DataKey made) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeBoolean(scope.managed());
            out.writeLong(scope.reuseMillis());
            writeString(out, scope.accountId());
            writeString(out, made.keyArn() == null ? "" : made.keyArn());
            out.writeInt(scope.context().size());
            for (Map.Entry<String, String> e : new java.util.TreeMap<>(scope.context()).entrySet()) {
                writeString(out, e.getKey());
                writeString(out, e.getValue());
            }
            out.write(made.ciphertextBlob());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private record Opened(GcmCiphers ciphers, long expiresAtMillis) {
    }

    /**
     * AES-GCM ciphers for one data key, kept for reuse: {@code Cipher.getInstance} looks the provider up and a first
     * {@code init} expands the key, which cost more than sealing a message body did (docs/benchmarks.md "perf"). A
     * cipher is taken for one seal or open and given back after it; at most {@link #IDLE} wait, the rest are dropped.
     * A cipher whose operation failed is not given back.
     */
    private static final class GcmCiphers {
        private static final int IDLE = 8;
        private final SecretKeySpec key;
        private final java.util.concurrent.ArrayBlockingQueue<Cipher> idle = new java.util.concurrent.ArrayBlockingQueue<>(IDLE);

        GcmCiphers(SecretKeySpec key) {
            this.key = key;
        }

        SecretKeySpec key() {
            return key;
        }

        Cipher take() throws GeneralSecurityException {
            Cipher cipher = idle.poll();
            return cipher != null ? cipher : Cipher.getInstance("AES/GCM/NoPadding");
        }

        void give(Cipher cipher) {
            idle.offer(cipher);
        }
    }

    /**
     * A data key in use by one resource: seals values, with no KMS call.
     *
     * <p>Nonces follow NIST SP 800-38D's deterministic construction (§8.2.1): a 4-byte fixed field, then an 8-byte
     * invocation counter that starts at 0. That is safe because the secret is this object's alone: {@link #current}
     * makes a Key only from a data key KMS has just generated (fresh random bytes, {@link DataKeys#generate}), a data
     * key opened again from the store only ever decrypts, and a restart forgets every Key, so no counter can start
     * over under a key that sealed before. The fixed field is random as well (defence in depth), and a key stops being
     * used after {@link #MAX_SEALS} values (2^32), well below where its counter would wrap. Drawing a random nonce per
     * value instead cost 3.5 % of the server's CPU in SendMessageBatch (docs/benchmarks.md "Sixth pass").
     */
    public static final class Key {
        /** After this many sealed values a new data key is made, as after the reuse period. */
        static final long MAX_SEALS = 1L << 32;
        private final long ref;
        private final int fixedField = RANDOM.nextInt();
        private final AtomicLong sealed = new AtomicLong();
        private final GcmCiphers ciphers;
        private final Scope scope;
        private final String keyArn;
        private final long expiresAtMillis;
        private final long maxSeals;

        private Key(long ref, SecretKeySpec key, Scope scope, String keyArn, long createdMillis, long maxSeals) {
            this.ref = ref;
            this.ciphers = new GcmCiphers(key);
            this.scope = scope;
            this.keyArn = keyArn;
            this.expiresAtMillis = createdMillis + scope.reuseMillis();
            this.maxSeals = maxSeals;
        }

        /** The ARN of the KMS key this data key is wrapped by (as KMS answered). */
        public String keyArn() {
            return keyArn;
        }

        boolean usableFor(Scope wanted, long nowMillis) {
            return nowMillis < expiresAtMillis && sealed.get() < maxSeals && scope.equals(wanted);
        }

        /**
         * {@code plaintext} sealed under this data key with a nonce it never used before: this key's fixed field and
         * the next value of its counter (see {@link Key}).
         */
        public byte[] seal(byte[] plaintext) {
            byte[] out = new byte[HEADER + NONCE + plaintext.length + 16];
            ByteBuffer.wrap(out).put(SEALED).put(FORMAT).putLong(ref)
                    .putInt(fixedField).putLong(sealed.getAndIncrement()); // the nonce
            try {
                Cipher cipher = ciphers.take();
                cipher.init(Cipher.ENCRYPT_MODE, ciphers.key(), new GCMParameterSpec(128, out, HEADER, NONCE));
                cipher.updateAAD(out, 0, HEADER);
                cipher.doFinal(plaintext, 0, plaintext.length, out, HEADER + NONCE);
                ciphers.give(cipher);
                return out;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM unavailable", e);
            }
        }
    }
}
