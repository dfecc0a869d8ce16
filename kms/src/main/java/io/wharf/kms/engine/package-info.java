/**
 * The KMS engine: keys ({@link io.wharf.kms.engine.KeyState}: AES-256 material versions wrapped by the master key,
 * state, policy, tags, rotation), aliases, the ciphertext format ({@link io.wharf.kms.engine.Ciphertexts}) and the
 * on-disk layout ({@link io.wharf.kms.engine.KmsStoreLayout}). Pure Java with an injected clock; no wire formats.
 */
package io.wharf.kms.engine;
