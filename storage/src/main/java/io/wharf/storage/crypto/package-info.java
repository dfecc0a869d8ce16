/** The master key that wraps secrets at rest. */
package io.wharf.storage.crypto;
