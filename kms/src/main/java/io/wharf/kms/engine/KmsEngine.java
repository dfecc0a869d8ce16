package io.wharf.kms.engine;

import io.wharf.kms.KmsErrors;
import io.wharf.storage.Store;
import io.wharf.storage.WriteBatch;
import io.wharf.storage.crypto.MasterKey;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

/**
 * KMS's keys and aliases, and the cryptography over them. Every method takes the caller's account and region: a
 * {@code KeyId} given as a key id or alias name is looked up there, an ARN names its own account and region.
 *
 * <p>One lock guards all state; each change is committed to the store (and awaited) before the method returns.
 * Writes are rare (key administration, first use of an AWS managed key, rotation, deletion), so holding the lock
 * across their commit costs the hot path — Encrypt, Decrypt, GenerateDataKey, which write nothing — only when an
 * administrator is writing at that moment; the AES work itself runs outside the lock.
 *
 * <p>Time comes from the injected clock. Two things happen when due, checked under the lock at every call: a key
 * whose deletion date has passed is deleted with its aliases, and a key with automatic rotation enabled whose next
 * rotation date has passed gets new material (the old versions stay, for ciphertexts made with them).
 */
public final class KmsEngine {
    /** The services whose AWS managed key ({@code alias/aws/<service>}) is made on first use, with AWS's names. */
    public static final Map<String, String> MANAGED_SERVICES = Map.of("sqs", "Simple Queue Service (SQS)",
            "sns", "Simple Notification Service (SNS)", "kinesis", "Amazon Kinesis");
    public static final int DEFAULT_ROTATION_DAYS = 365;
    public static final int DEFAULT_PENDING_WINDOW_DAYS = 30;
    /** Keys per account and region (AWS's quota is 100,000). */
    public static final int MAX_KEYS = 100_000;
    public static final int MAX_TAGS = 50;
    public static final int MAX_ALIASES_PER_KEY = 50;

    private final Store store;
    private final Clock clock;
    private final MasterKey masterKey;
    private final KmsStoreLayout layout;
    private final SecureRandom random = new SecureRandom();
    private final Object lock = new Object();
    private final TreeMap<String, KeyState> keys = new TreeMap<>();
    /** By {@code account/region/name}. */
    private final TreeMap<String, KmsAlias> aliases = new TreeMap<>();

    /**
     * Opens KMS on {@code store}, reading every key and alias back.
     *
     * @throws MasterKey.WrongKeyException if {@code masterKey} is not the one the keys were wrapped with
     */
    public KmsEngine(Store store, Clock clock, MasterKey masterKey) {
        this.store = store;
        this.clock = clock;
        this.masterKey = masterKey;
        this.layout = new KmsStoreLayout(store);
        store.scan(layout.keys, new byte[0], (k, v) -> {
            String keyId = new String(k, StandardCharsets.UTF_8);
            keys.put(keyId, KmsStoreLayout.decodeKey(keyId, v, masterKey));
        });
        store.scan(layout.aliases, new byte[0], (k, v) -> {
            KmsAlias alias = KmsStoreLayout.decodeAlias(k, v);
            aliases.put(aliasKey(alias.account(), alias.region(), alias.name()), alias);
        });
    }

    // ---------------------------------------------------------------- transactions

    /** What one call changes: its batch, committed before the call returns, and the time it runs at. */
    private record Tx(WriteBatch batch, Instant now) {
        void save(KmsStoreLayout layout, KeyState key) {
            batch.put(layout.keys, KmsStoreLayout.keyKey(key.keyId), KmsStoreLayout.encode(key));
        }
    }

    private <T> T call(Function<Tx, T> body) {
        synchronized (lock) {
            Tx tx = new Tx(new WriteBatch(), clock.instant());
            try {
                sweep(tx);
                return body.apply(tx);
            } finally {
                // Also when the call fails: an AWS managed key made or a rotation done on the way stays made.
                if (!tx.batch.isEmpty()) {
                    store.commit(tx.batch);
                }
            }
        }
    }

    /** Deletes the keys whose deletion date has passed, with their aliases. */
    private void sweep(Tx tx) {
        List<KeyState> due = new ArrayList<>();
        for (KeyState key : keys.values()) {
            if (key.status == KeyStatus.PENDING_DELETION && !key.deletionDate.isAfter(tx.now)) {
                due.add(key);
            }
        }
        for (KeyState key : due) {
            keys.remove(key.keyId);
            tx.batch.delete(layout.keys, KmsStoreLayout.keyKey(key.keyId));
            aliases.values().removeIf(alias -> {
                if (key.keyId.equals(alias.targetKeyId())) {
                    tx.batch.delete(layout.aliases, KmsStoreLayout.aliasKey(alias.account(), alias.region(),
                            alias.name()));
                    return true;
                }
                return false;
            });
        }
    }

    /** Rotates {@code key} if automatic rotation is due (enabled keys only, as AWS). */
    private void rotateIfDue(Tx tx, KeyState key) {
        if (!key.rotationEnabled || key.status != KeyStatus.ENABLED || key.nextRotation == null
                || key.nextRotation.isAfter(tx.now)) {
            return;
        }
        addMaterial(key, key.nextRotation, "AUTOMATIC");
        key.nextRotation = nextRotation(tx.now, key.rotationPeriodDays);
        tx.save(layout, key);
    }

    private static Instant nextRotation(Instant from, int days) {
        return from.plus(Duration.ofDays(days));
    }

    private void addMaterial(KeyState key, Instant created, String rotationType) {
        int version = key.materials.isEmpty() ? 0 : key.current().version() + 1;
        byte[] plaintext = new byte[32];
        random.nextBytes(plaintext);
        byte[] wrapped = masterKey.wrap(plaintext, KeyMaterial.purpose(key.keyId, version));
        key.materials.add(new KeyMaterial(version, created, rotationType, plaintext, wrapped));
    }

    // ---------------------------------------------------------------- finding keys

    /** Any form of KeyId (key id, key ARN, alias name, alias ARN); an AWS managed alias makes its key on first use. */
    private KeyState find(Tx tx, String account, String region, String keyId) {
        KeyIds.Ref ref = KeyIds.parse(keyId, account, region);
        if (ref == null) {
            throw KmsErrors.invalidKeyId(keyId);
        }
        KeyState key;
        if (ref.alias()) {
            KmsAlias alias = aliases.get(aliasKey(ref.account(), ref.region(), ref.name()));
            if (alias == null && ref.account().equals(account) && managedService(ref.name()) != null) {
                alias = createManaged(tx, ref.account(), ref.region(), managedService(ref.name()));
            }
            if (alias == null) {
                throw KmsErrors.aliasNotFound(ref.displayArn());
            }
            key = keys.get(alias.targetKeyId());
        } else {
            key = keyFor(ref);
        }
        if (key == null) {
            throw KmsErrors.keyNotFound(ref.displayArn());
        }
        rotateIfDue(tx, key);
        return key;
    }

    /** A key id or key ARN only (administration): an alias is not accepted, and the key must be the caller's. */
    private KeyState own(Tx tx, String account, String region, String keyId) {
        KeyIds.Ref ref = KeyIds.parse(keyId, account, region);
        if (ref == null || ref.alias()) {
            throw KmsErrors.invalidKeyId(keyId);
        }
        KeyState key = keyFor(ref);
        if (key == null || !key.account.equals(account)) {
            throw KmsErrors.keyNotFound(ref.displayArn());
        }
        rotateIfDue(tx, key);
        return key;
    }

    private KeyState keyFor(KeyIds.Ref ref) {
        if (!KeyIds.UUID.matcher(ref.name()).matches()) {
            if (!ref.arn()) {
                throw KmsErrors.invalidKeyId(ref.name());
            }
            return null;
        }
        KeyState key = keys.get(ref.name().toLowerCase(java.util.Locale.ROOT));
        return key != null && key.account.equals(ref.account()) && key.region.equals(ref.region()) ? key : null;
    }

    private static String managedService(String aliasName) {
        if (!aliasName.startsWith("alias/aws/")) {
            return null;
        }
        String service = aliasName.substring("alias/aws/".length());
        return MANAGED_SERVICES.containsKey(service) ? service : null;
    }

    private KmsAlias createManaged(Tx tx, String account, String region, String service) {
        KeyState key = newKey(tx, account, region, "SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT", "AWS_KMS", true);
        key.description = "Default key that protects my " + (service.equals("kinesis") ? "Kinesis"
                : service.toUpperCase(java.util.Locale.ROOT)) + " data when no other key is defined";
        key.policy = KeyPolicies.managedPolicy(account, region, service, MANAGED_SERVICES.get(service));
        key.rotationEnabled = true;
        key.rotationPeriodDays = DEFAULT_ROTATION_DAYS;
        key.nextRotation = nextRotation(tx.now, DEFAULT_ROTATION_DAYS);
        tx.save(layout, key);
        KmsAlias alias = new KmsAlias(account, region, "alias/aws/" + service,
                KeyIds.aliasArn(region, account, "alias/aws/" + service), key.keyId, tx.now, tx.now);
        putAlias(tx, alias);
        return alias;
    }

    private KeyState newKey(Tx tx, String account, String region, String keySpec, String keyUsage, String origin,
                            boolean managedByAws) {
        long count = keys.values().stream().filter(k -> k.account.equals(account) && k.region.equals(region)).count();
        if (count >= MAX_KEYS) {
            throw KmsErrors.LIMIT_EXCEEDED.error("Account " + account + " already has " + MAX_KEYS
                    + " keys in " + region + ".");
        }
        String keyId = UUID.randomUUID().toString();
        KeyState key = new KeyState(keyId, account, region, tx.now, keySpec, keyUsage, origin, managedByAws);
        key.status = KeyStatus.ENABLED;
        key.policy = KeyPolicies.defaultPolicy(account);
        addMaterial(key, tx.now, null);
        keys.put(keyId, key);
        return key;
    }

    private void putAlias(Tx tx, KmsAlias alias) {
        aliases.put(aliasKey(alias.account(), alias.region(), alias.name()), alias);
        tx.batch.put(layout.aliases, KmsStoreLayout.aliasKey(alias.account(), alias.region(), alias.name()),
                KmsStoreLayout.encode(alias));
    }

    private static String aliasKey(String account, String region, String name) {
        return account + "/" + region + "/" + name;
    }

    private static void requireUsable(KeyState key) {
        switch (key.status) {
            case ENABLED -> { }
            case DISABLED -> throw KmsErrors.disabled(key.arn);
            case PENDING_DELETION -> throw KmsErrors.pendingDeletion(key.arn);
        }
        if (!key.keyUsage.equals("ENCRYPT_DECRYPT")) {
            throw KmsErrors.INVALID_KEY_USAGE.error("You cannot use the KMS key " + key.arn
                    + " for encryption: its KeyUsage is " + key.keyUsage + ".");
        }
    }

    private static void requireNotPendingDeletion(KeyState key) {
        if (key.status == KeyStatus.PENDING_DELETION) {
            throw KmsErrors.pendingDeletion(key.arn);
        }
    }

    private static void requireCustomerManaged(KeyState key, String action) {
        if (key.managedByAws) {
            throw KmsErrors.ACCESS_DENIED.error("The key policy of the AWS managed key " + key.arn
                    + " does not allow " + action + ": AWS managed keys cannot be changed.");
        }
    }

    // ---------------------------------------------------------------- keys

    /**
     * What CreateKey asks for; null members take AWS's defaults.
     *
     * @param origin      AWS_KMS only
     */
    public record NewKey(String description, String keySpec, String keyUsage, String origin, String policy,
                         Map<String, String> tags, Boolean multiRegion) {
    }

    public KmsKey createKey(String account, String region, NewKey request) {
        String keySpec = request.keySpec() == null ? "SYMMETRIC_DEFAULT" : request.keySpec();
        if (!keySpec.equals("SYMMETRIC_DEFAULT")) {
            throw KmsErrors.UNSUPPORTED_OPERATION.error("Wharf implements symmetric encryption keys only "
                    + "(KeySpec SYMMETRIC_DEFAULT); KeySpec " + keySpec + " is not supported.");
        }
        String keyUsage = request.keyUsage() == null ? "ENCRYPT_DECRYPT" : request.keyUsage();
        if (!keyUsage.equals("ENCRYPT_DECRYPT")) {
            throw KmsErrors.VALIDATION.error("KeyUsage " + keyUsage + " is not compatible with KeySpec " + keySpec);
        }
        String origin = request.origin() == null ? "AWS_KMS" : request.origin();
        if (!origin.equals("AWS_KMS")) {
            throw KmsErrors.UNSUPPORTED_OPERATION.error("Wharf makes key material itself (Origin AWS_KMS); Origin "
                    + origin + " is not supported.");
        }
        if (Boolean.TRUE.equals(request.multiRegion())) {
            throw KmsErrors.UNSUPPORTED_OPERATION.error("Wharf does not implement multi-Region keys.");
        }
        if (request.policy() != null) {
            Policies.validate(request.policy());
        }
        Map<String, String> tags = request.tags() == null ? Map.of() : request.tags();
        Tags.validate(tags, Map.of());
        return call(tx -> {
            KeyState key = newKey(tx, account, region, keySpec, keyUsage, origin, false);
            key.description = request.description() == null ? "" : request.description();
            if (request.policy() != null) {
                key.policy = request.policy();
            }
            key.tags.putAll(tags);
            tx.save(layout, key);
            return key.view();
        });
    }

    /** DescribeKey: any form of KeyId, other accounts' keys by ARN. */
    public KmsKey describe(String account, String region, String keyId) {
        return call(tx -> find(tx, account, region, keyId).view());
    }

    /** The caller's own key by key id or ARN (GetKeyPolicy, GetKeyRotationStatus, ListResourceTags, …). */
    public KmsKey ownKey(String account, String region, String keyId) {
        return call(tx -> own(tx, account, region, keyId).view());
    }

    /** One page of a listing and the marker of the next, null at the end. */
    public record Page<T>(List<T> items, String nextMarker) {
    }

    /** ListKeys: the account's keys in the region, by key id; the marker is the last key id of the page before. */
    public Page<KmsKey> listKeys(String account, String region, int limit, String marker) {
        if (marker != null && !KeyIds.UUID.matcher(marker).matches()) {
            throw KmsErrors.INVALID_MARKER.error("Invalid marker");
        }
        return call(tx -> {
            List<KmsKey> page = new ArrayList<>();
            Collection<KeyState> from = marker == null ? keys.values() : keys.tailMap(marker, false).values();
            String next = null;
            for (KeyState key : from) {
                if (!key.account.equals(account) || !key.region.equals(region)) {
                    continue;
                }
                if (page.size() == limit) {
                    next = page.get(page.size() - 1).keyId();
                    break;
                }
                page.add(key.view());
            }
            return new Page<>(page, next);
        });
    }

    public KmsKey setEnabled(String account, String region, String keyId, boolean enabled) {
        return call(tx -> {
            KeyState key = own(tx, account, region, keyId);
            requireCustomerManaged(key, enabled ? "kms:EnableKey" : "kms:DisableKey");
            requireNotPendingDeletion(key);
            KeyStatus status = enabled ? KeyStatus.ENABLED : KeyStatus.DISABLED;
            if (key.status != status) {
                key.status = status;
                tx.save(layout, key);
            }
            return key.view();
        });
    }

    public KmsKey updateDescription(String account, String region, String keyId, String description) {
        return call(tx -> {
            KeyState key = own(tx, account, region, keyId);
            requireCustomerManaged(key, "kms:UpdateKeyDescription");
            requireNotPendingDeletion(key);
            key.description = description;
            tx.save(layout, key);
            return key.view();
        });
    }

    /** ScheduleKeyDeletion: PendingDeletion for 7–30 days (default 30), then deleted when due. */
    public KmsKey scheduleDeletion(String account, String region, String keyId, Integer pendingWindowDays) {
        int days = pendingWindowDays == null ? DEFAULT_PENDING_WINDOW_DAYS : pendingWindowDays;
        if (days < 7) {
            throw KmsErrors.validation("pendingWindowInDays", days, "Member must have value greater than or equal to 7");
        }
        if (days > 30) {
            throw KmsErrors.validation("pendingWindowInDays", days, "Member must have value less than or equal to 30");
        }
        return call(tx -> {
            KeyState key = own(tx, account, region, keyId);
            requireCustomerManaged(key, "kms:ScheduleKeyDeletion");
            requireNotPendingDeletion(key);
            key.status = KeyStatus.PENDING_DELETION;
            key.pendingWindowDays = days;
            key.deletionDate = tx.now.plus(Duration.ofDays(days));
            tx.save(layout, key);
            return key.view();
        });
    }

    /** CancelKeyDeletion: back to Disabled, as AWS does. */
    public KmsKey cancelDeletion(String account, String region, String keyId) {
        return call(tx -> {
            KeyState key = own(tx, account, region, keyId);
            if (key.status != KeyStatus.PENDING_DELETION) {
                throw KmsErrors.notPendingDeletion(key.arn);
            }
            key.status = KeyStatus.DISABLED;
            key.deletionDate = null;
            key.pendingWindowDays = 0;
            tx.save(layout, key);
            return key.view();
        });
    }

    // ---------------------------------------------------------------- rotation

    /** EnableKeyRotation (period 90–2560 days, default 365, validated by the model) and DisableKeyRotation. */
    public KmsKey setRotation(String account, String region, String keyId, boolean enabled, Integer periodDays) {
        return call(tx -> {
            KeyState key = own(tx, account, region, keyId);
            requireCustomerManaged(key, enabled ? "kms:EnableKeyRotation" : "kms:DisableKeyRotation");
            switch (key.status) {
                case ENABLED -> { }
                case DISABLED -> throw KmsErrors.disabled(key.arn);
                case PENDING_DELETION -> throw KmsErrors.pendingDeletion(key.arn);
            }
            if (enabled) {
                int days = periodDays == null ? (key.rotationEnabled ? key.rotationPeriodDays : DEFAULT_ROTATION_DAYS)
                        : periodDays;
                if (!key.rotationEnabled || key.rotationPeriodDays != days) {
                    key.rotationEnabled = true;
                    key.rotationPeriodDays = days;
                    key.nextRotation = nextRotation(tx.now, days);
                }
            } else {
                key.rotationEnabled = false;
                key.nextRotation = null;
            }
            tx.save(layout, key);
            return key.view();
        });
    }

    /** RotateKeyOnDemand: new material now; the automatic schedule stays. */
    public KmsKey rotateNow(String account, String region, String keyId) {
        return call(tx -> {
            KeyState key = own(tx, account, region, keyId);
            requireCustomerManaged(key, "kms:RotateKeyOnDemand");
            switch (key.status) {
                case ENABLED -> { }
                case DISABLED -> throw KmsErrors.disabled(key.arn);
                case PENDING_DELETION -> throw KmsErrors.pendingDeletion(key.arn);
            }
            addMaterial(key, tx.now, "ON_DEMAND");
            tx.save(layout, key);
            return key.view();
        });
    }

    // ---------------------------------------------------------------- tags and policy

    public KmsKey tag(String account, String region, String keyId, Map<String, String> tags) {
        return call(tx -> {
            KeyState key = own(tx, account, region, keyId);
            requireCustomerManaged(key, "kms:TagResource");
            requireNotPendingDeletion(key);
            Tags.validate(tags, key.tags);
            key.tags.putAll(tags);
            tx.save(layout, key);
            return key.view();
        });
    }

    public KmsKey untag(String account, String region, String keyId, List<String> tagKeys) {
        return call(tx -> {
            KeyState key = own(tx, account, region, keyId);
            requireCustomerManaged(key, "kms:UntagResource");
            requireNotPendingDeletion(key);
            for (String tagKey : tagKeys) {
                key.tags.remove(tagKey);
            }
            tx.save(layout, key);
            return key.view();
        });
    }

    public KmsKey putPolicy(String account, String region, String keyId, String policy) {
        Policies.validate(policy);
        return call(tx -> {
            KeyState key = own(tx, account, region, keyId);
            requireCustomerManaged(key, "kms:PutKeyPolicy");
            requireNotPendingDeletion(key);
            key.policy = policy;
            tx.save(layout, key);
            return key.view();
        });
    }

    /** A key's policy by ARN (the gateway's resource policy); null when there is no such key. */
    public String policyOf(String keyArn) {
        synchronized (lock) {
            KeyState key = byArn(keyArn);
            return key == null ? null : key.policy;
        }
    }

    /** A key's tags by ARN ({@code aws:ResourceTag/…}); empty when there is no such key. */
    public Map<String, String> tagsOf(String keyArn) {
        synchronized (lock) {
            KeyState key = byArn(keyArn);
            return key == null ? Map.of() : Map.copyOf(key.tags);
        }
    }

    /**
     * The ARN of the key {@code keyId} names from {@code account}/{@code region}, for access checks: nothing is
     * refused; null when it names no key (the operation then answers NotFound). An AWS managed alias of the caller's
     * account makes its key here, so that its first use is judged by its key policy like every later one.
     */
    public String arnOf(String account, String region, String keyId) {
        KeyIds.Ref ref = keyId == null ? null : KeyIds.parse(keyId, account, region);
        if (ref == null) {
            return null;
        }
        synchronized (lock) {
            if (ref.alias()) {
                KmsAlias alias = aliases.get(aliasKey(ref.account(), ref.region(), ref.name()));
                if (alias == null && ref.account().equals(account) && managedService(ref.name()) != null) {
                    alias = call(tx -> createManaged(tx, ref.account(), ref.region(), managedService(ref.name())));
                }
                if (alias == null) {
                    return null;
                }
                KeyState key = keys.get(alias.targetKeyId());
                return key == null ? null : key.arn;
            }
            if (!KeyIds.UUID.matcher(ref.name()).matches()) {
                return null;
            }
            KeyState key = keyFor(ref);
            return key == null ? null : key.arn;
        }
    }

    /** The ARN of the key a ciphertext blob names, or null when it names none. */
    public String arnOfCiphertext(byte[] blob) {
        String keyId = Ciphertexts.keyId(blob);
        if (keyId == null) {
            return null;
        }
        synchronized (lock) {
            KeyState key = keys.get(keyId);
            return key == null ? null : key.arn;
        }
    }

    private KeyState byArn(String keyArn) {
        KeyIds.Ref ref = KeyIds.parse(keyArn, "", "");
        if (ref == null || ref.alias() || !KeyIds.UUID.matcher(ref.name()).matches()) {
            return null;
        }
        return keyFor(ref);
    }

    // ---------------------------------------------------------------- aliases

    public void createAlias(String account, String region, String aliasName, String targetKeyId) {
        Aliases.validateName(aliasName);
        call(tx -> {
            KeyState key = own(tx, account, region, targetKeyId);
            if (key.managedByAws) {
                throw KmsErrors.ACCESS_DENIED.error("An alias cannot point at the AWS managed key " + key.arn + ".");
            }
            requireNotPendingDeletion(key);
            if (aliases.containsKey(aliasKey(account, region, aliasName))) {
                throw KmsErrors.ALREADY_EXISTS.error("An alias with the name "
                        + KeyIds.aliasArn(region, account, aliasName) + " already exists");
            }
            if (aliases.values().stream().filter(a -> a.targetKeyId().equals(key.keyId)).count()
                    >= MAX_ALIASES_PER_KEY) {
                throw KmsErrors.LIMIT_EXCEEDED.error("The key " + key.arn + " already has " + MAX_ALIASES_PER_KEY
                        + " aliases.");
            }
            putAlias(tx, new KmsAlias(account, region, aliasName, KeyIds.aliasArn(region, account, aliasName),
                    key.keyId, tx.now, tx.now));
            return null;
        });
    }

    public void updateAlias(String account, String region, String aliasName, String targetKeyId) {
        Aliases.validateReference(aliasName);
        call(tx -> {
            KmsAlias alias = aliases.get(aliasKey(account, region, aliasName));
            if (alias == null) {
                throw KmsErrors.aliasNotFound(KeyIds.aliasArn(region, account, aliasName));
            }
            KeyState key = own(tx, account, region, targetKeyId);
            if (key.managedByAws) {
                throw KmsErrors.ACCESS_DENIED.error("An alias cannot point at the AWS managed key " + key.arn + ".");
            }
            requireNotPendingDeletion(key);
            KeyState old = keys.get(alias.targetKeyId());
            if (old != null && (!old.keySpec.equals(key.keySpec) || !old.keyUsage.equals(key.keyUsage))) {
                throw KmsErrors.VALIDATION.error("The new target key must have the same KeySpec and KeyUsage as "
                        + old.arn + ".");
            }
            putAlias(tx, new KmsAlias(account, region, aliasName, alias.arn(), key.keyId, alias.created(), tx.now));
            return null;
        });
    }

    public void deleteAlias(String account, String region, String aliasName) {
        Aliases.validateReference(aliasName);
        call(tx -> {
            KmsAlias alias = aliases.get(aliasKey(account, region, aliasName));
            if (alias == null) {
                throw KmsErrors.aliasNotFound(KeyIds.aliasArn(region, account, aliasName));
            }
            aliases.remove(aliasKey(account, region, aliasName));
            tx.batch.delete(layout.aliases, KmsStoreLayout.aliasKey(account, region, aliasName));
            return null;
        });
    }

    /**
     * ListAliases: the account's aliases in the region by name, with the AWS managed aliases whose keys are not made
     * yet (without a target, as AWS lists them); only {@code keyId}'s when given. The marker is the last alias name.
     */
    public Page<KmsAlias> listAliases(String account, String region, String keyId, int limit, String marker) {
        return call(tx -> {
            String target = keyId == null ? null : own(tx, account, region, keyId).keyId;
            TreeMap<String, KmsAlias> all = new TreeMap<>();
            if (target == null) {
                for (String service : MANAGED_SERVICES.keySet()) {
                    String name = "alias/aws/" + service;
                    all.put(name, new KmsAlias(account, region, name, KeyIds.aliasArn(region, account, name), null,
                            null, null));
                }
            }
            for (KmsAlias alias : aliases.tailMap(aliasKey(account, region, ""), true).values()) {
                if (!alias.account().equals(account) || !alias.region().equals(region)) {
                    break;
                }
                if (target == null || target.equals(alias.targetKeyId())) {
                    all.put(alias.name(), alias);
                }
            }
            List<KmsAlias> page = new ArrayList<>();
            String next = null;
            for (KmsAlias alias : marker == null ? all.values() : all.tailMap(marker, false).values()) {
                if (page.size() == limit) {
                    next = page.get(page.size() - 1).name();
                    break;
                }
                page.add(alias);
            }
            return new Page<>(page, next);
        });
    }

    // ---------------------------------------------------------------- cryptography

    /** A ciphertext and the ARN of the key that made it. */
    public record Sealed(String keyArn, byte[] ciphertextBlob) {
    }

    /** A plaintext and the ARN of the key that opened it. */
    public record Opened(String keyArn, byte[] plaintext) {
        @Override
        public String toString() {
            return "Opened[" + keyArn + "]";
        }
    }

    /** Encrypt under the current material of the key {@code keyId} names (any form; made if AWS managed). */
    public Sealed encrypt(String account, String region, String keyId, byte[] plaintext, Map<String, String> context) {
        KeyState key;
        KeyMaterial material;
        synchronized (lock) {
            key = call(tx -> find(tx, account, region, keyId));
            requireUsable(key);
            material = key.current();
        }
        return new Sealed(key.arn, Ciphertexts.seal(key.keyId, material, plaintext, context, random));
    }

    /** A fresh data key of {@code bytes} bytes: its plaintext and its ciphertext under {@code keyId}. */
    public DataKey generateDataKey(String account, String region, String keyId, int bytes,
                                   Map<String, String> context) {
        byte[] plaintext = random(bytes);
        Sealed sealed = encrypt(account, region, keyId, plaintext, context);
        return new DataKey(sealed.keyArn(), plaintext, sealed.ciphertextBlob());
    }

    /** A data key as GenerateDataKey returns it. */
    public record DataKey(String keyArn, byte[] plaintext, byte[] ciphertextBlob) {
        @Override
        public String toString() {
            return "DataKey[" + keyArn + "]";
        }
    }

    /**
     * Decrypt: the key is the one the blob names. {@code keyId}, when given, must name that key
     * (IncorrectKeyException otherwise). Another account's key opens its blobs too (its policy decides who may).
     */
    public Opened decrypt(String account, String region, byte[] blob, Map<String, String> context, String keyId) {
        String blobKeyId = Ciphertexts.keyId(blob);
        if (blobKeyId == null) {
            throw KmsErrors.INVALID_CIPHERTEXT.error(null);
        }
        KeyState key;
        KeyMaterial material;
        synchronized (lock) {
            key = call(tx -> {
                KeyState named = keys.get(blobKeyId);
                if (named == null) {
                    throw KmsErrors.INVALID_CIPHERTEXT.error(null);
                }
                if (keyId != null) {
                    KeyState given = find(tx, account, region, keyId);
                    if (given != named) {
                        throw KmsErrors.INCORRECT_KEY.error("The key ID in the request does not identify a KMS key "
                                + "that can perform this operation.");
                    }
                }
                rotateIfDue(tx, named);
                return named;
            });
            requireUsable(key);
            material = key.material(Ciphertexts.materialVersion(blob));
        }
        byte[] plaintext = material == null ? null : Ciphertexts.open(material, blob, context);
        if (plaintext == null) {
            throw KmsErrors.INVALID_CIPHERTEXT.error(null);
        }
        return new Opened(key.arn, plaintext);
    }

    /** {@code bytes} random bytes (GenerateRandom, data keys). */
    public byte[] random(int bytes) {
        byte[] out = new byte[bytes];
        random.nextBytes(out);
        return out;
    }

    /** How many material versions a key has (tests). */
    int materialVersions(String keyId) {
        synchronized (lock) {
            return keys.get(keyId).materials.size();
        }
    }
}
