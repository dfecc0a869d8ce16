/** Encryption-at-rest contracts between services and KMS (implemented by the kms module). */
package io.wharf.protocol.crypto;
