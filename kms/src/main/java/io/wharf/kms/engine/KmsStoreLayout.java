package io.wharf.kms.engine;

import io.wharf.storage.KeySpace;
import io.wharf.storage.RecordCodec;
import io.wharf.storage.Store;
import io.wharf.storage.crypto.MasterKey;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static io.wharf.storage.RecordCodec.readMap;
import static io.wharf.storage.RecordCodec.readNullable;
import static io.wharf.storage.RecordCodec.readString;
import static io.wharf.storage.RecordCodec.writeMap;
import static io.wharf.storage.RecordCodec.writeNullable;
import static io.wharf.storage.RecordCodec.writeString;

/**
 * What KMS keeps in the store. Two key spaces, every value a {@link RecordCodec} record of version 1:
 * <pre>
 * kms.keys     key id (UUID, UTF-8) →
 *              account, region, created (epoch ms), keySpec, keyUsage, origin, managedByAws (bool),
 *              description (nullable), state (Enabled|Disabled|PendingDeletion), deletionDate (epoch ms, -1 = none),
 *              pendingWindowDays (int), policy, tags (map, in order), rotationEnabled (bool), rotationPeriodDays (int),
 *              nextRotation (epoch ms, -1 = none), material count (int), then per material oldest first:
 *              version (int), created (epoch ms), rotationType (nullable), wrapped length (int), wrapped bytes
 * kms.aliases  account "/" region "/" alias name (UTF-8) → target key id, created (epoch ms), updated (epoch ms)
 * </pre>
 * Key material is never written in clear: {@code wrapped} is {@link MasterKey#wrap} of the 32 bytes with the purpose
 * {@link KeyMaterial#purpose}, so a store copied without the master key file opens nothing, and one key's material
 * cannot be passed off as another's. A whole key record is rewritten on every change (a few hundred bytes).
 */
final class KmsStoreLayout {
    static final byte VERSION = 1;
    static final String KEYS = "kms.keys";
    static final String ALIASES = "kms.aliases";

    final KeySpace keys;
    final KeySpace aliases;

    KmsStoreLayout(Store store) {
        this.keys = store.keySpace(KEYS);
        this.aliases = store.keySpace(ALIASES);
    }

    static byte[] keyKey(String keyId) {
        return keyId.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] aliasKey(String account, String region, String name) {
        return (account + "/" + region + "/" + name).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] encode(KeyState key) {
        return RecordCodec.write(VERSION, out -> {
            writeString(out, key.account);
            writeString(out, key.region);
            out.writeLong(key.created.toEpochMilli());
            writeString(out, key.keySpec);
            writeString(out, key.keyUsage);
            writeString(out, key.origin);
            out.writeBoolean(key.managedByAws);
            writeNullable(out, key.description);
            writeString(out, key.status.wire());
            out.writeLong(key.deletionDate == null ? -1 : key.deletionDate.toEpochMilli());
            out.writeInt(key.pendingWindowDays);
            writeString(out, key.policy);
            writeMap(out, key.tags);
            out.writeBoolean(key.rotationEnabled);
            out.writeInt(key.rotationPeriodDays);
            out.writeLong(key.nextRotation == null ? -1 : key.nextRotation.toEpochMilli());
            out.writeInt(key.materials.size());
            for (KeyMaterial m : key.materials) {
                out.writeInt(m.version());
                out.writeLong(m.created().toEpochMilli());
                writeNullable(out, m.rotationType());
                out.writeInt(m.wrapped().length);
                out.write(m.wrapped());
            }
        });
    }

    /** @throws MasterKey.WrongKeyException when the master key does not open the key's material */
    static KeyState decodeKey(String keyId, byte[] value, MasterKey masterKey) {
        return RecordCodec.read(value, VERSION, "KMS key", in -> {
            String account = readString(in);
            String region = readString(in);
            Instant created = Instant.ofEpochMilli(in.readLong());
            KeyState key = new KeyState(keyId, account, region, created, readString(in), readString(in),
                    readString(in), in.readBoolean());
            key.description = readNullable(in);
            key.status = KeyStatus.fromWire(readString(in));
            key.deletionDate = instant(in.readLong());
            key.pendingWindowDays = in.readInt();
            key.policy = readString(in);
            key.tags.putAll(readMap(in));
            key.rotationEnabled = in.readBoolean();
            key.rotationPeriodDays = in.readInt();
            key.nextRotation = instant(in.readLong());
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                key.materials.add(material(in, keyId, masterKey));
            }
            return key;
        });
    }

    private static KeyMaterial material(DataInputStream in, String keyId, MasterKey masterKey) throws IOException {
        int version = in.readInt();
        Instant created = Instant.ofEpochMilli(in.readLong());
        String rotationType = readNullable(in);
        byte[] wrapped = new byte[in.readInt()];
        in.readFully(wrapped);
        byte[] plaintext = masterKey.unwrap(wrapped, KeyMaterial.purpose(keyId, version));
        return new KeyMaterial(version, created, rotationType, plaintext, wrapped);
    }

    static byte[] encode(KmsAlias alias) {
        return RecordCodec.write(VERSION, out -> {
            writeString(out, alias.targetKeyId());
            out.writeLong(alias.created().toEpochMilli());
            out.writeLong(alias.updated().toEpochMilli());
        });
    }

    static KmsAlias decodeAlias(byte[] key, byte[] value) {
        String[] parts = new String(key, StandardCharsets.UTF_8).split("/", 3);
        return RecordCodec.read(value, VERSION, "KMS alias", (DataInputStream in) -> new KmsAlias(parts[0], parts[1],
                parts[2], KeyIds.aliasArn(parts[1], parts[0], parts[2]), readString(in),
                Instant.ofEpochMilli(in.readLong()), Instant.ofEpochMilli(in.readLong())));
    }

    private static Instant instant(long millis) {
        return millis < 0 ? null : Instant.ofEpochMilli(millis);
    }

}
