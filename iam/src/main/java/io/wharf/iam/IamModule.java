package io.wharf.iam;

import io.wharf.iam.engine.IamEngine;
import io.wharf.iam.policy.PolicyEvaluator;
import io.wharf.protocol.auth.AccessControl;
import io.wharf.protocol.auth.CredentialStore;
import io.wharf.storage.Store;

import java.time.Clock;
import java.util.List;

/**
 * What the server takes from this module: the IAM and STS services for the gateway, the credential store it
 * authenticates with and the access control it authorises with — all over one engine.
 * <pre>
 * IamModule iam = IamModule.create(store, clock, roots);
 * new ServiceGateway(List.of(..., iam.iam(), iam.sts()), ...);
 * </pre>
 */
public final class IamModule implements AutoCloseable {
    private final IamEngine engine;
    private final IamService iam;
    private final StsService sts;
    private final IamCredentials credentials;
    private final IamAccessControl accessControl;

    private IamModule(IamEngine engine, PolicyEvaluator evaluator) {
        this.engine = engine;
        this.iam = new IamService(engine, evaluator);
        this.sts = new StsService(engine);
        this.credentials = new IamCredentials(engine);
        this.accessControl = new IamAccessControl(engine, evaluator);
    }

    /**
     * Opens IAM on {@code store} (rebuilding its state) with the accounts' root keys from configuration.
     *
     * @param roots every configured account's root key; may be empty (accounts then appear as callers use them)
     */
    public static IamModule create(Store store, Clock clock, List<AccountRoot> roots) {
        return new IamModule(new IamEngine(store, clock, roots), new PolicyEvaluator(clock));
    }

    public IamEngine engine() {
        return engine;
    }

    public IamService iam() {
        return iam;
    }

    public StsService sts() {
        return sts;
    }

    public CredentialStore credentials() {
        return credentials;
    }

    public AccessControl accessControl() {
        return accessControl;
    }

    /** Nothing runs in the background and every change was awaited before its answer: nothing to flush. */
    @Override
    public void close() {
    }
}
