/**
 * Coverage-guided fuzz targets (Jazzer, {@code *FuzzTest}) for the protocol layer's parsers and encoders, and the
 * helpers the targets of other modules share. docs/fuzzing.md says what each target covers and how to run them;
 * each target's corpus, including every input that once crashed it, lives under
 * {@code src/test/resources/<package>/<Class>Inputs/<method>/} and is replayed by every {@code mvn test}.
 */
package io.wharf.protocol.fuzz;
