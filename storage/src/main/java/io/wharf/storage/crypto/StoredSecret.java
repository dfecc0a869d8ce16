package io.wharf.storage.crypto;

import io.wharf.storage.KeySpace;
import io.wharf.storage.Store;
import io.wharf.storage.WriteBatch;

import java.util.function.Supplier;

/**
 * A secret an engine keeps in the store, wrapped by the {@link MasterKey} (the SQS receipt-handle key, the Kinesis
 * iterator key, the SNS signing key): made once, so what it sealed or signed stays valid across restarts.
 *
 * <p>The wrapped form lives under its own key, never under the key of the plain form that stores written before
 * secrets were wrapped used. That keeps the two unambiguous: a value under the wrapped key that the master key does
 * not open is another master key's (or damaged), and starting fails loudly instead of taking the bytes for a plain
 * secret. A plain secret found under the old key is migrated: wrapped, written under the new key and deleted from
 * the old one in one batch. (RocksDB drops the old value from its files at a later compaction, not at once.)
 */
public final class StoredSecret {
    private StoredSecret() {
    }

    /**
     * The secret, unwrapped.
     *
     * @param wrappedKey where the wrapped secret is kept
     * @param plainKey   where stores from before wrapping kept it in plain, or null when there never was one
     * @param purpose    what it is for: the authenticated data of {@link MasterKey#wrap}, fixed per secret
     * @param fresh      makes a new secret when there is none yet
     * @throws MasterKey.WrongKeyException when the stored secret was wrapped by another master key or altered
     */
    public static byte[] loadOrCreate(Store store, KeySpace space, byte[] wrappedKey, byte[] plainKey,
                                      MasterKey masterKey, String purpose, Supplier<byte[]> fresh) {
        byte[] wrapped = store.get(space, wrappedKey);
        if (wrapped != null) {
            return masterKey.unwrap(wrapped, purpose);
        }
        byte[] plain = plainKey == null ? null : store.get(space, plainKey);
        byte[] secret = plain != null ? plain : fresh.get();
        WriteBatch batch = new WriteBatch().put(space, wrappedKey, masterKey.wrap(secret, purpose));
        if (plain != null) {
            batch.delete(space, plainKey);
        }
        store.commit(batch);
        return secret;
    }
}
