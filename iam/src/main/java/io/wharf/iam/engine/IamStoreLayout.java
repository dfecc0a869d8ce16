package io.wharf.iam.engine;

import io.wharf.storage.KeySpace;
import io.wharf.storage.RecordCodec;
import io.wharf.storage.Store;
import io.wharf.storage.WriteBatch;

import java.nio.charset.StandardCharsets;

/**
 * How IAM lies on disk, in {@link RecordCodec}'s binary form (version byte 1; strings as length + UTF-8, {@code ?}
 * nullable, maps as count + pairs, lists as count + strings, times as epoch milliseconds; {@link IamRecords} writes
 * and reads them). An entity is one record holding everything about it (inline policies, attachments, tags),
 * rewritten whole on each change: IAM is a control plane of small records, and one record per entity makes every
 * change one atomic put.
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
        batch.put(space(entity.kind()), nameKey(entity.accountId, entity.name), IamRecords.encode(entity));
    }

    void delete(WriteBatch batch, Entity entity) {
        batch.delete(space(entity.kind()), nameKey(entity.accountId, entity.name));
    }

    void put(WriteBatch batch, ManagedPolicyState p) {
        batch.put(policies, nameKey(p.accountId, p.name), IamRecords.encode(p));
    }

    void put(WriteBatch batch, AccessKey key) {
        batch.put(keys, text(key.accessKeyId()), IamRecords.encode(key));
    }

    void putAccount(WriteBatch batch, Account account) {
        batch.put(accounts, text(account.id), IamRecords.encode(account));
    }
}
