package io.wharf.iam.engine;

import io.wharf.storage.KeySpace;
import io.wharf.storage.RecordCodec;
import io.wharf.storage.Store;
import io.wharf.storage.WriteBatch;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import static io.wharf.storage.RecordCodec.readMap;
import static io.wharf.storage.RecordCodec.readNullable;
import static io.wharf.storage.RecordCodec.readString;
import static io.wharf.storage.RecordCodec.writeMap;
import static io.wharf.storage.RecordCodec.writeNullable;
import static io.wharf.storage.RecordCodec.writeString;

/**
 * How IAM lies on disk, in {@link RecordCodec}'s binary form (version byte 1; strings as length + UTF-8, {@code ?}
 * nullable, maps as count + pairs, lists as count + strings, times as epoch milliseconds). An entity is one record
 * holding everything about it (inline policies, attachments, tags), rewritten whole on each change: IAM is a control
 * plane of small records, and one record per entity makes every change one atomic put.
 * <pre>
 * iam.meta      "session-key"              → 32 random bytes: the AES-256-GCM key sealing STS session tokens
 * iam.accounts  account id                 → v, created
 * iam.users     account 0x00 lower(name)   → v, id, name, path, created, tags:map, inline:map(name → JSON),
 *                                            attached:list(policy ARN)
 * iam.groups    account 0x00 lower(name)   → v, id, name, path, created, inline:map, attached:list,
 *                                            members:list(user id)
 * iam.roles     account 0x00 lower(name)   → v, id, name, path, created, trust policy, description?,
 *                                            maxSessionDuration:int, tags:map, inline:map, attached:list
 * iam.policies  account 0x00 lower(name)   → v, id, name, path, description?, created, updated, tags:map,
 *                                            defaultVersion, nextVersion:int, versions:int × (id, JSON, created)
 * iam.keys      access key id              → v, account, userId? (absent: the root's), secret, active:bool, created
 * </pre>
 * A rename deletes the old key and puts the new one in the same batch. Group membership is stored on the group side
 * (by user id, which a rename does not change); recovery rebuilds the users' side and the attachment index from the
 * records. Configured root keys are not stored: they come from configuration at every start.
 */
public final class IamStoreLayout {
    static final byte VERSION = 1;
    static final byte[] SESSION_KEY = "session-key".getBytes(StandardCharsets.UTF_8);

    final Store store;
    final KeySpace meta;
    final KeySpace accounts;
    final KeySpace users;
    final KeySpace groups;
    final KeySpace roles;
    final KeySpace policies;
    final KeySpace keys;

    IamStoreLayout(Store store) {
        this.store = store;
        meta = store.keySpace("iam.meta");
        accounts = store.keySpace("iam.accounts");
        users = store.keySpace("iam.users");
        groups = store.keySpace("iam.groups");
        roles = store.keySpace("iam.roles");
        policies = store.keySpace("iam.policies");
        keys = store.keySpace("iam.keys");
    }

    static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] nameKey(String accountId, String name) {
        return text(accountId + '\0' + Account.key(name));
    }

    KeySpace space(EntityKind kind) {
        return switch (kind) {
            case USER -> users;
            case GROUP -> groups;
            case ROLE -> roles;
        };
    }

    void put(WriteBatch batch, Entity entity) {
        byte[] value = switch (entity) {
            case UserState u -> RecordCodec.write(VERSION, out -> {
                common(out, u);
                writeMap(out, u.tags);
                policies(out, u);
            });
            case GroupState g -> RecordCodec.write(VERSION, out -> {
                common(out, g);
                policies(out, g);
                writeList(out, g.memberIds);
            });
            case RoleState r -> RecordCodec.write(VERSION, out -> {
                common(out, r);
                writeString(out, r.trustPolicy.json());
                writeNullable(out, r.description);
                out.writeInt(r.maxSessionDurationSeconds);
                writeMap(out, r.tags);
                policies(out, r);
            });
            default -> throw new IllegalArgumentException(entity.toString());
        };
        batch.put(space(entity.kind()), nameKey(entity.accountId, entity.name), value);
    }

    void delete(WriteBatch batch, Entity entity) {
        batch.delete(space(entity.kind()), nameKey(entity.accountId, entity.name));
    }

    private static void common(DataOutputStream out, Entity e) throws IOException {
        writeString(out, e.id);
        writeString(out, e.name);
        writeString(out, e.path);
        out.writeLong(e.created.toEpochMilli());
    }

    private static void policies(DataOutputStream out, Entity e) throws IOException {
        Map<String, String> inline = new java.util.LinkedHashMap<>();
        e.inline.forEach((name, text) -> inline.put(name, text.json()));
        writeMap(out, inline);
        writeList(out, e.attached);
    }

    static UserState readUser(String accountId, byte[] value) {
        return RecordCodec.read(value, VERSION, "IAM user", in -> {
            UserState u = new UserState(accountId, readString(in), readString(in), readString(in), instant(in));
            u.tags.putAll(readMap(in));
            readPolicies(in, u);
            return u;
        });
    }

    /** The group and its members' ids (linked to users by {@link Recovery}). */
    static GroupState readGroup(String accountId, byte[] value) {
        return RecordCodec.read(value, VERSION, "IAM group", in -> {
            GroupState g = new GroupState(accountId, readString(in), readString(in), readString(in), instant(in));
            readPolicies(in, g);
            g.memberIds.addAll(readList(in));
            return g;
        });
    }

    static RoleState readRole(String accountId, byte[] value) {
        return RecordCodec.read(value, VERSION, "IAM role", in -> {
            RoleState r = new RoleState(accountId, readString(in), readString(in), readString(in), instant(in));
            r.trustPolicy = PolicyText.trusted(readString(in));
            r.description = readNullable(in);
            r.maxSessionDurationSeconds = in.readInt();
            r.tags.putAll(readMap(in));
            readPolicies(in, r);
            return r;
        });
    }

    private static void readPolicies(DataInputStream in, Entity e) throws IOException {
        readMap(in).forEach((name, json) -> e.inline.put(name, PolicyText.trusted(json)));
        e.attached.addAll(readList(in));
    }

    void put(WriteBatch batch, ManagedPolicyState p) {
        batch.put(policies, nameKey(p.accountId, p.name), RecordCodec.write(VERSION, out -> {
            writeString(out, p.id);
            writeString(out, p.name);
            writeString(out, p.path);
            writeNullable(out, p.description);
            out.writeLong(p.created.toEpochMilli());
            out.writeLong(p.updated.toEpochMilli());
            writeMap(out, p.tags);
            writeString(out, p.defaultVersionId);
            out.writeInt(p.nextVersion);
            out.writeInt(p.versions.size());
            for (ManagedPolicyState.VersionState v : p.versions.values()) {
                writeString(out, v.versionId());
                writeString(out, v.document().json());
                out.writeLong(v.created().toEpochMilli());
            }
        }));
    }

    static ManagedPolicyState readPolicy(String accountId, byte[] value) {
        return RecordCodec.read(value, VERSION, "IAM policy", in -> {
            ManagedPolicyState p = new ManagedPolicyState(accountId, readString(in), readString(in), readString(in),
                    readNullable(in), instant(in));
            p.updated = instant(in);
            p.tags.putAll(readMap(in));
            p.defaultVersionId = readString(in);
            p.nextVersion = in.readInt();
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                String id = readString(in);
                p.versions.put(id, new ManagedPolicyState.VersionState(id, PolicyText.trusted(readString(in)),
                        instant(in)));
            }
            return p;
        });
    }

    void put(WriteBatch batch, AccessKey key) {
        batch.put(keys, text(key.accessKeyId()), RecordCodec.write(VERSION, out -> {
            writeString(out, key.accountId());
            writeNullable(out, key.userId());
            writeString(out, key.secretAccessKey());
            out.writeBoolean(key.active());
            out.writeLong(key.created().toEpochMilli());
        }));
    }

    static AccessKey readKey(byte[] key, byte[] value) {
        String id = new String(key, StandardCharsets.UTF_8);
        return RecordCodec.read(value, VERSION, "IAM access key", in -> {
            String accountId = readString(in);
            String userId = readNullable(in);
            String secret = readString(in);
            boolean active = in.readBoolean();
            return new AccessKey(id, secret, accountId, userId, active, instant(in));
        });
    }

    void putAccount(WriteBatch batch, Account account) {
        batch.put(accounts, text(account.id),
                RecordCodec.write(VERSION, out -> out.writeLong(account.created.toEpochMilli())));
    }

    static Instant readAccountCreated(byte[] value) {
        return RecordCodec.read(value, VERSION, "IAM account", IamStoreLayout::instant);
    }

    private static Instant instant(DataInputStream in) throws IOException {
        return Instant.ofEpochMilli(in.readLong());
    }

    private static void writeList(DataOutputStream out, Collection<String> list) throws IOException {
        out.writeInt(list.size());
        for (String s : list) {
            writeString(out, s);
        }
    }

    private static List<String> readList(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<String> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(readString(in));
        }
        return list;
    }
}
