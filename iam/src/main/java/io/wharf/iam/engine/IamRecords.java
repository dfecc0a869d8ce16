package io.wharf.iam.engine;

import io.wharf.storage.RecordCodec;

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

/** The values of {@link IamStoreLayout}'s records, written and read field by field in the order documented there. */
final class IamRecords {
    static final byte VERSION = 1;

    private IamRecords() {
    }

    static byte[] encode(Account account) {
        return RecordCodec.write(VERSION, out -> out.writeLong(account.created.toEpochMilli()));
    }

    static byte[] encode(Entity entity) {
        return switch (entity) {
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

    static byte[] encode(ManagedPolicyState p) {
        return RecordCodec.write(VERSION, out -> {
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
        });
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

    static byte[] encode(AccessKey key) {
        return RecordCodec.write(VERSION, out -> {
            writeString(out, key.accountId());
            writeNullable(out, key.userId());
            writeString(out, key.secretAccessKey());
            out.writeBoolean(key.active());
            out.writeLong(key.created().toEpochMilli());
        });
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

    static Instant readAccountCreated(byte[] value) {
        return RecordCodec.read(value, VERSION, "IAM account", IamRecords::instant);
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
