/**
 * IAM's actions, one class per action (or one per family of the same action on users, groups and roles): read the
 * validated parameters, call the engine, build the output tree the XML encoder writes. No IAM semantics here.
 */
package io.wharf.iam.operations;
