package io.wharf.protocol.auth;

/**
 * Decides {@link AccessRequest}s by AWS's policy evaluation logic. Implemented by the IAM service (which knows the
 * identity policies of users, groups and roles); the gateway and in-process service-to-service calls (SNS delivering
 * to SQS) ask it.
 */
@FunctionalInterface
public interface AccessControl {
    Decision authorize(AccessRequest request);

    /** Allows everything: what {@link AuthMode#OFF} and {@link AuthMode#VERIFY} use. */
    AccessControl ALLOW_ALL = request -> Decision.ALLOW;
}
