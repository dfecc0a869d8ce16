/**
 * AWS Key Management Service: {@link io.wharf.kms.KmsService} (the JSON 1.1 wire), {@link io.wharf.kms.KmsErrors}
 * (the error table), {@link io.wharf.kms.KmsDataKeys} (the envelope-encryption contract other services use) and
 * {@link io.wharf.kms.KmsModule} (what the server wires). The semantics live in {@code engine/}.
 */
package io.wharf.kms;
