package io.wharf.dynamodb.engine;

import io.wharf.dynamodb.DynamoDbErrors;
import io.wharf.dynamodb.DynamoDbErrors.CancellationReason;
import io.wharf.dynamodb.expr.Condition;
import io.wharf.dynamodb.expr.Projection;
import io.wharf.dynamodb.expr.Update;
import io.wharf.dynamodb.item.AttributeValue;
import io.wharf.storage.WriteBatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * DynamoDB's item operations: GetItem, PutItem, UpdateItem, DeleteItem (each with its condition), the batches, and
 * the transactions — all-or-nothing in one store batch, under the write locks of every table they touch (taken in
 * name order). Each change is committed before the table's lock is released and before the answer.
 */
public final class Items {
    /** How long TransactWriteItems remembers a ClientRequestToken (AWS: 10 minutes). */
    static final Duration TOKEN_LIFETIME = Duration.ofMinutes(10);

    private final DynamoDbEngine engine;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    public Items(DynamoDbEngine engine) {
        this.engine = engine;
    }

    private record Token(String fingerprint, long expiresAtMillis) {
    }

    /** What a write did: the item before (null: none) and after (null: deleted). */
    public record WriteResult(Map<String, AttributeValue> before, Map<String, AttributeValue> after) {
    }

    /** The table's settings, for operations that check parameters against its keys. */
    public TableSettings settings(String account, String region, String table) {
        return engine.table(account, region, table).settings;
    }

    // ---------------------------------------------------------------- single items

    /** The item, projected (null projection: all of it), or null when there is none. */
    public Map<String, AttributeValue> get(String account, String region, String tableName,
                                           Map<String, AttributeValue> key, Projection projection) {
        Table table = engine.table(account, region, tableName);
        PrimaryKey k = Keys.ofKey(table.settings, key);
        Map<String, AttributeValue> item;
        io.wharf.storage.Commit pending;
        table.lock.readLock().lock();
        try {
            item = table.items.get(k);
            pending = table.submitted;
        } finally {
            table.lock.readLock().unlock();
        }
        pending.await();
        return item == null ? null : projection == null ? item : projection.apply(item);
    }

    public WriteResult put(String account, String region, String tableName, Map<String, AttributeValue> item,
                           Condition condition, boolean itemOnFailure) {
        Table table = engine.table(account, region, tableName);
        PrimaryKey key = Keys.ofItem(table.settings, item);
        Keys.checkSize(item, false);
        return write(table, key, old -> item, condition, itemOnFailure);
    }

    /** UpdateItem; a null update only makes sure the item exists (with its key). */
    public WriteResult update(String account, String region, String tableName, Map<String, AttributeValue> key,
                              Update update, Condition condition, boolean itemOnFailure) {
        Table table = engine.table(account, region, tableName);
        TableSettings settings = table.settings;
        PrimaryKey k = Keys.ofKey(settings, key);
        if (update != null) {
            for (String target : update.topLevelTargets()) {
                if (settings.keys().isKey(target)) {
                    throw DynamoDbErrors.validation("One or more parameter values were invalid: Cannot update "
                            + "attribute " + target + ". This attribute is part of the key");
                }
            }
        }
        return write(table, k, old -> updated(settings, key, old, update), condition, itemOnFailure);
    }

    private static Map<String, AttributeValue> updated(TableSettings settings, Map<String, AttributeValue> key,
                                                       Map<String, AttributeValue> old, Update update) {
        Map<String, AttributeValue> base = old != null ? old : new LinkedHashMap<>(key);
        Map<String, AttributeValue> next = update == null ? base : update.apply(base);
        if (old == null && update != null && next.size() == key.size()) {
            return null; // an update that only removes from an item that does not exist changes nothing, as on AWS
        }
        Keys.checkIndexKeys(settings, next);
        Keys.checkSize(next, true);
        return next;
    }

    public WriteResult delete(String account, String region, String tableName, Map<String, AttributeValue> key,
                              Condition condition, boolean itemOnFailure) {
        Table table = engine.table(account, region, tableName);
        PrimaryKey k = Keys.ofKey(table.settings, key);
        return write(table, k, old -> null, condition, itemOnFailure);
    }

    private WriteResult write(Table table, PrimaryKey key,
                              java.util.function.UnaryOperator<Map<String, AttributeValue>> change,
                              Condition condition, boolean itemOnFailure) {
        Map<String, AttributeValue> old;
        Map<String, AttributeValue> next;
        io.wharf.storage.Commit commit;
        table.lock.writeLock().lock();
        try {
            old = table.items.get(key);
            if (condition != null && !condition.test(old == null ? Map.of() : old)) {
                // the condition was judged on state that may not be durable yet: answer only once it is
                table.submitted.await();
                throw DynamoDbErrors.conditionalCheckFailed(itemOnFailure ? old : null);
            }
            next = change.apply(old);
            if (next == null && old == null) {
                commit = table.submitted;
            } else {
                WriteBatch batch = new WriteBatch();
                stage(batch, table, key, next);
                commit = engine.store.submit(batch);
                table.submitted = commit;
                apply(table, key, next);
            }
        } finally {
            table.lock.writeLock().unlock();
        }
        commit.await(); // after the lock: the table's writers share the store's group commit
        return new WriteResult(old, next);
    }

    private void stage(WriteBatch batch, Table table, PrimaryKey key, Map<String, AttributeValue> next) {
        byte[] storeKey = DynamoDbStoreLayout.itemKey(table.settings.tableId(), key);
        if (next == null) {
            batch.delete(engine.layout.items, storeKey);
        } else {
            batch.put(engine.layout.items, storeKey, DynamoDbStoreLayout.encodeItem(next));
        }
    }

    private static void apply(Table table, PrimaryKey key, Map<String, AttributeValue> next) {
        if (next == null) {
            table.remove(key);
        } else {
            table.put(key, next);
        }
    }

    // ---------------------------------------------------------------- batches

    /** One table's part of BatchGetItem. */
    public record GetRequest(String table, List<Map<String, AttributeValue>> keys, Projection projection) {
    }

    /** BatchGetItem: per table (as the request names it), the items found, projected. */
    public Map<String, List<Map<String, AttributeValue>>> batchGet(String account, String region,
                                                                   List<GetRequest> requests) {
        int total = requests.stream().mapToInt(r -> r.keys().size()).sum();
        if (total > 100) {
            throw DynamoDbErrors.validation("Too many items requested for the BatchGetItem call");
        }
        Map<String, List<Map<String, AttributeValue>>> out = new LinkedHashMap<>();
        for (GetRequest r : requests) {
            Table table = engine.table(account, region, r.table());
            Set<PrimaryKey> seen = new HashSet<>();
            for (Map<String, AttributeValue> key : r.keys()) {
                if (!seen.add(Keys.ofKey(table.settings, key))) {
                    throw DynamoDbErrors.validation("Provided list of item keys contains duplicates");
                }
            }
            List<Map<String, AttributeValue>> found = new ArrayList<>();
            for (Map<String, AttributeValue> key : r.keys()) {
                Map<String, AttributeValue> item = get(account, region, r.table(), key, r.projection());
                if (item != null) {
                    found.add(item);
                }
            }
            out.put(r.table(), found);
        }
        return out;
    }

    /** One write of BatchWriteItem: a put (item) or a delete (key). */
    public record BatchWrite(String table, Map<String, AttributeValue> putItem, Map<String, AttributeValue> deleteKey) {
    }

    /** BatchWriteItem: every write applied (none unprocessed), in one store batch. */
    public void batchWrite(String account, String region, List<BatchWrite> writes) {
        if (writes.size() > 25) {
            throw DynamoDbErrors.validation("Too many items requested for the BatchWriteItem call");
        }
        List<Action> actions = new ArrayList<>();
        for (BatchWrite w : writes) {
            Table table = engine.table(account, region, w.table());
            if (w.putItem() != null) {
                PrimaryKey key = Keys.ofItem(table.settings, w.putItem());
                Keys.checkSize(w.putItem(), false);
                actions.add(new Action(table, key, null, old -> w.putItem()));
            } else {
                actions.add(new Action(table, Keys.ofKey(table.settings, w.deleteKey()), null, old -> null));
            }
        }
        atomically(actions, "Provided list of item keys contains duplicates", false);
    }

    // ---------------------------------------------------------------- transactions

    /** One action of TransactWriteItems (exactly one of put, update, delete, check) or TransactGetItems. */
    public record TransactAction(String table, Map<String, AttributeValue> putItem, Map<String, AttributeValue> key,
                                 Update update, boolean delete, Condition condition, boolean itemOnFailure) {
    }

    /**
     * TransactWriteItems: every condition checked, then every change in one store batch, or nothing and
     * TransactionCanceledException with a reason per action in order.
     *
     * @param token       the ClientRequestToken or null
     * @param fingerprint what makes two requests with one token the same request
     */
    public void transactWrite(String account, String region, List<TransactAction> actions, String token,
                              String fingerprint) {
        if (token != null && repeated(account + "/" + token, fingerprint)) {
            return;
        }
        List<Action> staged = new ArrayList<>();
        for (TransactAction a : actions) {
            Table table = engine.table(account, region, a.table());
            TableSettings settings = table.settings;
            if (a.putItem() != null) {
                PrimaryKey key = Keys.ofItem(settings, a.putItem());
                Keys.checkSize(a.putItem(), false);
                staged.add(new Action(table, key, a, old -> a.putItem()));
            } else {
                PrimaryKey key = Keys.ofKey(settings, a.key());
                if (a.update() != null) {
                    for (String target : a.update().topLevelTargets()) {
                        if (settings.keys().isKey(target)) {
                            throw DynamoDbErrors.validation("One or more parameter values were invalid: Cannot update "
                                    + "attribute " + target + ". This attribute is part of the key");
                        }
                    }
                    staged.add(new Action(table, key, a, old -> updated(settings, a.key(), old, a.update())));
                } else if (a.delete()) {
                    staged.add(new Action(table, key, a, old -> null));
                } else {
                    staged.add(new Action(table, key, a, null)); // ConditionCheck
                }
            }
        }
        atomically(staged, "Transaction request cannot include multiple operations on one item", true);
        if (token != null) {
            tokens.put(account + "/" + token, new Token(fingerprint,
                    engine.clock.millis() + TOKEN_LIFETIME.toMillis()));
        }
    }

    private boolean repeated(String token, String fingerprint) {
        long now = engine.clock.millis();
        tokens.values().removeIf(t -> t.expiresAtMillis() <= now);
        Token seen = tokens.get(token);
        if (seen == null) {
            return false;
        }
        if (!seen.fingerprint().equals(fingerprint)) {
            throw DynamoDbErrors.IDEMPOTENT_PARAMETER_MISMATCH.error("There was a conflict when attempting to "
                    + "reuse the ClientRequestToken: the request parameters differ from the original request");
        }
        return true;
    }

    /** TransactGetItems: each item (null where none), read under every table's read lock at once. */
    public List<Map<String, AttributeValue>> transactGet(String account, String region, List<TransactAction> gets,
                                                         List<Projection> projections) {
        List<Table> tables = new ArrayList<>();
        List<PrimaryKey> keys = new ArrayList<>();
        for (TransactAction g : gets) {
            Table table = engine.table(account, region, g.table());
            tables.add(table);
            keys.add(Keys.ofKey(table.settings, g.key()));
        }
        List<Table> order = ordered(tables);
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        List<io.wharf.storage.Commit> pending = new ArrayList<>();
        order.forEach(t -> t.lock.readLock().lock());
        try {
            for (int i = 0; i < gets.size(); i++) {
                Map<String, AttributeValue> item = tables.get(i).items.get(keys.get(i));
                Projection p = projections.get(i);
                out.add(item == null ? null : p == null ? item : p.apply(item));
            }
            order.forEach(t -> pending.add(t.submitted));
        } finally {
            order.forEach(t -> t.lock.readLock().unlock());
        }
        pending.forEach(io.wharf.storage.Commit::await);
        return out;
    }

    /** One staged change: a null change is a condition check only. */
    private record Action(Table table, PrimaryKey key, TransactAction request,
                          java.util.function.UnaryOperator<Map<String, AttributeValue>> change) {
    }

    private static List<Table> ordered(List<Table> tables) {
        TreeMap<String, Table> byName = new TreeMap<>();
        for (Table t : tables) {
            byName.put(t.settings.account() + "/" + t.settings.region() + "/" + t.settings.name(), t);
        }
        return new ArrayList<>(byName.values());
    }

    private void atomically(List<Action> actions, String duplicateMessage, boolean transaction) {
        Set<String> seen = new HashSet<>();
        for (Action a : actions) {
            if (!seen.add(a.table().settings.tableId() + "/" + a.key())) {
                throw DynamoDbErrors.validation(duplicateMessage);
            }
        }
        List<Table> order = ordered(actions.stream().map(Action::table).toList());
        List<io.wharf.storage.Commit> commits = new ArrayList<>();
        order.forEach(t -> t.lock.writeLock().lock());
        try {
            List<CancellationReason> reasons = new ArrayList<>();
            boolean cancelled = false;
            List<Map<String, AttributeValue>> nexts = new ArrayList<>();
            for (Action a : actions) {
                Map<String, AttributeValue> old = a.table().items.get(a.key());
                Condition condition = a.request() == null ? null : a.request().condition();
                if (condition != null && !condition.test(old == null ? Map.of() : old)) {
                    cancelled = true;
                    reasons.add(new CancellationReason("ConditionalCheckFailed", "The conditional request failed",
                            a.request().itemOnFailure() ? old : null));
                    nexts.add(null);
                    continue;
                }
                reasons.add(CancellationReason.NONE);
                nexts.add(a.change() == null ? old : a.change().apply(old));
            }
            if (cancelled) {
                order.forEach(t -> t.submitted.await()); // judged on state that must be durable before we answer
                throw DynamoDbErrors.transactionCanceled(reasons);
            }
            WriteBatch batch = new WriteBatch();
            for (int i = 0; i < actions.size(); i++) {
                Action a = actions.get(i);
                if (a.change() != null) {
                    stage(batch, a.table(), a.key(), nexts.get(i));
                }
            }
            if (!batch.isEmpty()) {
                io.wharf.storage.Commit submitted = engine.store.submit(batch);
                order.forEach(t -> t.submitted = submitted);
            }
            for (int i = 0; i < actions.size(); i++) {
                Action a = actions.get(i);
                if (a.change() != null) {
                    apply(a.table(), a.key(), nexts.get(i));
                }
            }
            order.forEach(t -> commits.add(t.submitted));
        } finally {
            order.forEach(t -> t.lock.writeLock().unlock());
        }
        commits.forEach(io.wharf.storage.Commit::await); // after the locks: writers share the group commit
    }

}
