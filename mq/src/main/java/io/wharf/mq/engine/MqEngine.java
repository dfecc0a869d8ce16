package io.wharf.mq.engine;

import io.wharf.mq.MqErrors;
import io.wharf.mq.broker.BrokerRuntime;
import io.wharf.mq.engine.Broker.ConfigurationRef;
import io.wharf.mq.engine.MqCommands.BrokerUpdate;
import io.wharf.mq.engine.MqCommands.NewBroker;
import io.wharf.mq.engine.MqCommands.NewUser;
import io.wharf.mq.engine.MqCommands.UserChange;
import io.wharf.mq.engine.MqViews.BrokerView;
import io.wharf.mq.engine.MqViews.ConfigurationView;
import io.wharf.mq.engine.MqViews.Page;
import io.wharf.mq.engine.MqViews.RevisionView;
import io.wharf.mq.engine.MqViews.UserView;
import io.wharf.storage.Store;
import io.wharf.storage.WriteBatch;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Amazon MQ's brokers, users and configurations. Every method takes the caller's account and region; ids are unique
 * everywhere but a resource is found only in its own account and region.
 *
 * <p>One lock guards all state (administration calls are rare); each change is committed to the store and awaited
 * under it, before the method returns. Brokers run through their engine type's {@link BrokerRuntime} on
 * {@link BrokerLifecycle}'s threads: CreateBroker answers {@code CREATION_IN_PROGRESS} and the broker becomes
 * {@code RUNNING} (or {@code CREATION_FAILED}) in the background; a reboot applies what is pending (users,
 * configuration, engine version, instance type) before starting it again; a deletion stops it and removes its data.
 */
public final class MqEngine implements AutoCloseable {
    static final int MAX_USERS = 250;
    static final String CREATION_IN_PROGRESS = "CREATION_IN_PROGRESS";
    static final String CREATION_FAILED = "CREATION_FAILED";
    static final String RUNNING = "RUNNING";
    static final String REBOOT_IN_PROGRESS = "REBOOT_IN_PROGRESS";
    static final String DELETION_IN_PROGRESS = "DELETION_IN_PROGRESS";
    static final String CRITICAL_ACTION_REQUIRED = "CRITICAL_ACTION_REQUIRED";

    final Object lock = new Object();
    final Store store;
    final MqStoreLayout layout;
    private final Clock clock;
    private final Map<String, BrokerRuntime> runtimes = new TreeMap<>();
    final TreeMap<String, Broker> brokers = new TreeMap<>();
    final TreeMap<String, Configuration> configurations = new TreeMap<>();
    final BrokerLifecycle lifecycle;

    /**
     * Opens MQ on {@code store}, reading every broker and configuration back; {@link #resume()} then starts the
     * brokers that were running.
     */
    public MqEngine(Store store, Clock clock, List<BrokerRuntime> runtimes, MqHosting hosting) {
        this.store = store;
        this.clock = clock;
        this.layout = new MqStoreLayout(store);
        for (BrokerRuntime runtime : runtimes) {
            this.runtimes.put(runtime.engineType(), runtime);
        }
        Recovery.load(this);
        this.lifecycle = new BrokerLifecycle(this, this.runtimes, hosting);
    }

    /** Starts again, in the background, the brokers that were running or starting; finishes interrupted deletions. */
    public MqEngine resume() {
        Recovery.resume(this);
        return this;
    }

    /** Stops every broker (their data stays for the next start). */
    @Override
    public void close() {
        lifecycle.close();
    }

    // ---------------------------------------------------------------- brokers

    public BrokerView createBroker(String account, String region, NewBroker command) {
        MqValidation.brokerName(command.name());
        String engineType = command.engineType();
        String engineVersion = engineVersion(engineType, command.engineVersion());
        if (!EngineCatalog.instanceTypes().contains(command.hostInstanceType())) {
            throw MqErrors.badRequest("hostInstanceType", "Broker host instance type [" + command.hostInstanceType()
                    + "] is invalid. Valid values are: " + EngineCatalog.instanceTypes());
        }
        String storageType = command.storageType() != null ? command.storageType()
                : EngineCatalog.defaultStorageType(engineType);
        if (!EngineCatalog.offers(engineType, command.hostInstanceType(), storageType)) {
            throw MqErrors.badRequest("storageType", "Storage type [" + storageType + "] is not supported for "
                    + engineType + " brokers on " + command.hostInstanceType() + ".");
        }
        if (!EngineCatalog.supports(engineType, command.hostInstanceType(), storageType, command.deploymentMode())) {
            throw MqErrors.badRequest("deploymentMode", "Deployment mode [" + command.deploymentMode()
                    + "] is not supported for " + engineType + " brokers on " + command.hostInstanceType() + ".");
        }
        String authentication = command.authenticationStrategy() == null ? "SIMPLE" : command.authenticationStrategy();
        refuseLdap(command.ldap() || authentication.equals("LDAP"));
        if (authentication.equals("CONFIG_MANAGED") && !engineType.equals(EngineCatalog.RABBITMQ)) {
            throw MqErrors.badRequest("authenticationStrategy", "Authentication strategy [CONFIG_MANAGED] is "
                    + "supported for RabbitMQ brokers only.");
        }
        if (authentication.equals("SIMPLE") && command.users().isEmpty()) {
            throw MqErrors.badRequest("users", "A broker with simple authentication needs at least one user.");
        }
        if (engineType.equals(EngineCatalog.RABBITMQ) && command.users().size() > 1) {
            throw MqErrors.badRequest("users", "A RabbitMQ broker is created with exactly one user.");
        }
        if (command.users().size() > MAX_USERS) {
            throw MqErrors.badRequest("users", "A broker can have at most " + MAX_USERS + " users.");
        }
        Map<String, NewUser> users = new TreeMap<>();
        for (NewUser user : command.users()) {
            MqValidation.username(user.username());
            MqValidation.password(user.password());
            if (users.put(user.username(), user) != null) {
                throw MqErrors.badRequest("users", "User [" + user.username() + "] is given twice.");
            }
        }
        MqValidation.tags(command.tags());
        String dataReplication = command.dataReplicationMode() == null ? "NONE" : command.dataReplicationMode();
        if (!dataReplication.equals("NONE")) {
            throw MqErrors.badRequest("dataReplicationMode", "Cross-region data replication (CRDR) is not "
                    + "supported by Wharf.");
        }
        synchronized (lock) {
            Instant now = clock.instant();
            ConfigurationRef configuration = null;
            if (command.configurationId() != null) {
                Configuration existing = configuration(account, region, command.configurationId());
                configuration = reference(existing, command.configurationRevision(), engineType);
            }
            for (Broker other : brokers.values()) {
                if (other.account.equals(account) && other.region.equals(region)
                        && other.name.equals(command.name())) {
                    throw MqErrors.CONFLICT.error("brokerName", "Broker name [" + command.name()
                            + "] already exists. Broker names must be unique in an account and region.");
                }
            }
            BrokerRuntime runtime = runtimes.get(engineType);
            if (runtime == null) {
                throw MqErrors.badRequest("engineType", "Broker engine type [" + engineType + "] is not available "
                        + "here: this Wharf has no " + engineType + " runtime.");
            }
            if (runtime.unavailableReason().isPresent()) {
                throw MqErrors.badRequest("engineType", runtime.unavailableReason().get());
            }
            WriteBatch batch = new WriteBatch();
            Broker broker = new Broker();
            broker.id = "b-" + UUID.randomUUID();
            broker.name = command.name();
            broker.account = account;
            broker.region = region;
            broker.arn = "arn:aws:mq:" + region + ":" + account + ":broker:" + broker.name + ":" + broker.id;
            broker.createdMillis = now.toEpochMilli();
            broker.engineType = engineType;
            broker.engineVersion = engineVersion;
            broker.deploymentMode = command.deploymentMode();
            broker.hostInstanceType = command.hostInstanceType();
            broker.publiclyAccessible = command.publiclyAccessible();
            broker.autoMinorVersionUpgrade = Boolean.TRUE.equals(command.autoMinorVersionUpgrade());
            broker.authenticationStrategy = authentication;
            broker.storageType = storageType;
            broker.securityGroups = new ArrayList<>(command.securityGroups());
            broker.subnetIds = new ArrayList<>(command.subnetIds());
            broker.logsGeneral = Boolean.TRUE.equals(command.logsGeneral());
            broker.logsAudit = Boolean.TRUE.equals(command.logsAudit());
            if (command.maintenanceWindow() != null) {
                broker.maintenanceDay = command.maintenanceWindow().dayOfWeek();
                broker.maintenanceTime = command.maintenanceWindow().timeOfDay();
                broker.maintenanceZone = command.maintenanceWindow().timeZone();
            } else {
                broker.maintenanceDay = "SUNDAY";
                broker.maintenanceTime = "00:00";
                broker.maintenanceZone = "UTC";
            }
            broker.useAwsOwnedKey = command.useAwsOwnedKey() == null || command.useAwsOwnedKey();
            broker.kmsKeyId = command.kmsKeyId();
            broker.dataReplicationMode = dataReplication;
            if (configuration == null && engineType.equals(EngineCatalog.ACTIVEMQ)) {
                Configuration made = newConfiguration(account, region, broker.name + "-configuration", engineType,
                        engineVersion, authentication, Map.of(), now, "Auto-generated default for " + broker.name
                                + " on ActiveMQ " + engineVersion);
                save(batch, made);
                configuration = new ConfigurationRef(made.id, 1);
            }
            broker.configuration = configuration;
            broker.tags = new LinkedHashMap<>(command.tags());
            for (NewUser user : users.values()) {
                BrokerUserRecord record = new BrokerUserRecord();
                record.username = user.username();
                record.password = user.password();
                record.consoleAccess = user.consoleAccess();
                record.groups = new ArrayList<>(user.groups());
                record.replicationUser = user.replicationUser();
                record.applied = true;
                broker.users.put(record.username, record);
            }
            broker.state = CREATION_IN_PROGRESS;
            brokers.put(broker.id, broker);
            save(batch, broker);
            store.commit(batch);
            lifecycle.create(broker);
            return view(broker);
        }
    }

    public BrokerView describeBroker(String account, String region, String brokerId) {
        synchronized (lock) {
            return view(broker(account, region, brokerId));
        }
    }

    public Page<BrokerView> listBrokers(String account, String region, Integer maxResults, String nextToken) {
        List<BrokerView> all = new ArrayList<>();
        synchronized (lock) {
            for (Broker broker : brokers.values()) {
                if (broker.account.equals(account) && broker.region.equals(region)) {
                    all.add(view(broker));
                }
            }
        }
        return Pages.page(all, maxResults, nextToken);
    }

    /**
     * Applies UpdateBroker: the configuration, engine version and instance type become pending (applied at the next
     * reboot); the rest applies at once.
     */
    public BrokerView updateBroker(String account, String region, String brokerId, BrokerUpdate update) {
        refuseLdap(update.ldap() || "LDAP".equals(update.authenticationStrategy()));
        if (update.dataReplicationMode() != null && !update.dataReplicationMode().equals("NONE")) {
            throw MqErrors.badRequest("dataReplicationMode", "Cross-region data replication (CRDR) is not "
                    + "supported by Wharf.");
        }
        if (update.hostInstanceType() != null && !EngineCatalog.instanceTypes().contains(update.hostInstanceType())) {
            throw MqErrors.badRequest("hostInstanceType", "Broker host instance type [" + update.hostInstanceType()
                    + "] is invalid. Valid values are: " + EngineCatalog.instanceTypes());
        }
        return change(account, region, brokerId, broker -> {
            String version = update.engineVersion() == null ? null
                    : engineVersion(broker.engineType, update.engineVersion());
            ConfigurationRef pending = null;
            if (update.configurationId() != null) {
                pending = reference(configuration(broker.account, broker.region, update.configurationId()),
                        update.configurationRevision(), broker.engineType);
            }
            if (pending != null) {
                broker.pendingConfiguration = pending.equals(broker.configuration) ? null : pending;
            }
            if (version != null) {
                broker.pendingEngineVersion = version.equals(broker.engineVersion) ? null : version;
            }
            if (update.hostInstanceType() != null) {
                broker.pendingHostInstanceType = update.hostInstanceType().equals(broker.hostInstanceType) ? null
                        : update.hostInstanceType();
            }
            if (update.authenticationStrategy() != null) {
                broker.authenticationStrategy = update.authenticationStrategy();
            }
            if (update.autoMinorVersionUpgrade() != null) {
                broker.autoMinorVersionUpgrade = update.autoMinorVersionUpgrade();
            }
            if (update.logsGeneral() != null) {
                broker.logsGeneral = update.logsGeneral();
            }
            if (update.logsAudit() != null) {
                broker.logsAudit = update.logsAudit();
            }
            if (update.maintenanceWindow() != null) {
                broker.maintenanceDay = update.maintenanceWindow().dayOfWeek();
                broker.maintenanceTime = update.maintenanceWindow().timeOfDay();
                broker.maintenanceZone = update.maintenanceWindow().timeZone();
            }
            if (update.securityGroups() != null) {
                broker.securityGroups = new ArrayList<>(update.securityGroups());
            }
            return view(broker);
        });
    }

    /** RebootBroker: only a RUNNING broker (or one needing attention) reboots; what is pending applies then. */
    public void rebootBroker(String account, String region, String brokerId) {
        synchronized (lock) {
            Broker broker = broker(account, region, brokerId);
            if (!broker.state.equals(RUNNING) && !broker.state.equals(CRITICAL_ACTION_REQUIRED)) {
                throw MqErrors.badRequest("broker-id", "Broker [" + brokerId + "] is in state " + broker.state
                        + "; a broker can be rebooted only when it is RUNNING.");
            }
            broker.state = REBOOT_IN_PROGRESS;
            commit(broker);
            lifecycle.reboot(broker);
        }
    }

    public void deleteBroker(String account, String region, String brokerId) {
        synchronized (lock) {
            Broker broker = broker(account, region, brokerId);
            if (broker.state.equals(DELETION_IN_PROGRESS)) {
                throw MqErrors.badRequest("broker-id", "Broker [" + brokerId + "] is already being deleted.");
            }
            broker.state = DELETION_IN_PROGRESS;
            commit(broker);
            lifecycle.delete(broker);
        }
    }

    /** Promote applies to a cross-region data replication replica only; Wharf's brokers never are one. */
    public void promote(String account, String region, String brokerId) {
        synchronized (lock) {
            broker(account, region, brokerId);
            throw MqErrors.badRequest("broker-id", "Broker [" + brokerId + "] is not a data replication replica "
                    + "broker. Promote applies only to the replica of a CRDR pair.");
        }
    }

    // ---------------------------------------------------------------- users

    /** CreateUser: pending (CREATE) until the next reboot. */
    public void createUser(String account, String region, String brokerId, NewUser user) {
        MqValidation.username(user.username());
        MqValidation.password(user.password());
        change(account, region, brokerId, broker -> {
            if (broker.users.containsKey(user.username())) {
                throw MqErrors.CONFLICT.error("username", "User [" + user.username() + "] already exists on broker ["
                        + brokerId + "].");
            }
            if (broker.users.size() >= MAX_USERS) {
                throw MqErrors.badRequest("username", "A broker can have at most " + MAX_USERS + " users.");
            }
            BrokerUserRecord record = new BrokerUserRecord();
            record.username = user.username();
            record.applied = false;
            record.pendingChange = "CREATE";
            record.pendingPassword = user.password();
            record.pendingConsoleAccess = user.consoleAccess();
            record.pendingGroups = new ArrayList<>(user.groups());
            record.pendingReplicationUser = user.replicationUser();
            broker.users.put(record.username, record);
            return null;
        });
    }

    /** UpdateUser: pending (UPDATE, or still CREATE for a user not yet created) until the next reboot. */
    public void updateUser(String account, String region, String brokerId, String username, UserChange change) {
        if (change.password() != null) {
            MqValidation.password(change.password());
        }
        change(account, region, brokerId, broker -> {
            BrokerUserRecord record = user(broker, username);
            if ("DELETE".equals(record.pendingChange)) {
                throw MqErrors.badRequest("username", "User [" + username + "] is pending deletion.");
            }
            if (record.pendingChange == null) {
                record.pendingChange = "UPDATE";
            }
            if (change.password() != null) {
                record.pendingPassword = change.password();
            }
            record.pendingConsoleAccess = change.consoleAccess() != null ? change.consoleAccess()
                    : record.pendingConsoleAccess != null ? record.pendingConsoleAccess : record.consoleAccess;
            record.pendingGroups = change.groups() != null ? new ArrayList<>(change.groups())
                    : record.pendingGroups != null ? record.pendingGroups : new ArrayList<>(record.groups);
            if (change.replicationUser() != null) {
                record.pendingReplicationUser = change.replicationUser();
            }
            return null;
        });
    }

    /** DeleteUser: pending (DELETE) until the next reboot; a user whose creation is still pending goes at once. */
    public void deleteUser(String account, String region, String brokerId, String username) {
        change(account, region, brokerId, broker -> {
            BrokerUserRecord record = user(broker, username);
            if (!record.applied) {
                broker.users.remove(username);
            } else {
                record.clearPending();
                record.pendingChange = "DELETE";
            }
            return null;
        });
    }

    public UserView describeUser(String account, String region, String brokerId, String username) {
        synchronized (lock) {
            Broker broker = broker(account, region, brokerId);
            return view(broker, user(broker, username));
        }
    }

    public Page<UserView> listUsers(String account, String region, String brokerId, Integer maxResults,
                                    String nextToken) {
        List<UserView> all = new ArrayList<>();
        synchronized (lock) {
            Broker broker = broker(account, region, brokerId);
            for (BrokerUserRecord user : broker.users.values()) {
                all.add(view(broker, user));
            }
        }
        return Pages.page(all, maxResults, nextToken);
    }

    // ---------------------------------------------------------------- configurations

    public ConfigurationView createConfiguration(String account, String region, String name, String engineType,
                                                 String engineVersion, String authenticationStrategy,
                                                 Map<String, String> tags) {
        MqValidation.configurationName(name);
        String version = engineVersion(engineType, engineVersion);
        String authentication = authenticationStrategy == null ? "SIMPLE" : authenticationStrategy;
        refuseLdap(authentication.equals("LDAP"));
        MqValidation.tags(tags);
        synchronized (lock) {
            Configuration configuration = newConfiguration(account, region, name, engineType, version,
                    authentication, tags, clock.instant(), "Auto-generated default for " + name + " on "
                            + (engineType.equals(EngineCatalog.ACTIVEMQ) ? "ActiveMQ " : "RabbitMQ ") + version);
            WriteBatch batch = new WriteBatch();
            save(batch, configuration);
            store.commit(batch);
            return view(configuration);
        }
    }

    public ConfigurationView describeConfiguration(String account, String region, String configurationId) {
        synchronized (lock) {
            return view(configuration(account, region, configurationId));
        }
    }

    public Page<ConfigurationView> listConfigurations(String account, String region, Integer maxResults,
                                                      String nextToken) {
        List<ConfigurationView> all = new ArrayList<>();
        synchronized (lock) {
            for (Configuration configuration : configurations.values()) {
                if (configuration.account.equals(account) && configuration.region.equals(region)) {
                    all.add(view(configuration));
                }
            }
        }
        return Pages.page(all, maxResults, nextToken);
    }

    /**
     * UpdateConfiguration: a new revision with {@code data} (base64 of the engine's configuration document), checked
     * by the engine type's runtime, with its warnings (what the broker will leave out).
     */
    public MqViews.ConfigurationUpdate updateConfiguration(String account, String region, String configurationId, String data,
                                                 String description) {
        MqValidation.description(description);
        String document;
        try {
            document = new String(Base64.getMimeDecoder().decode(data), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw MqErrors.badRequest("data", "Configuration data is invalid. It must be base64-encoded.");
        }
        if (document.isBlank()) {
            throw MqErrors.badRequest("data", "Configuration data is invalid. It must not be empty.");
        }
        String engineType;
        synchronized (lock) {
            engineType = configuration(account, region, configurationId).engineType;
        }
        BrokerRuntime runtime = runtimes.get(engineType);
        List<MqViews.Warning> warnings = new ArrayList<>();
        if (runtime != null) {
            try {
                for (BrokerRuntime.ConfigurationWarning w : runtime.configurationWarnings(document)) {
                    warnings.add(new MqViews.Warning(w.elementName(), w.attributeName(), w.reason()));
                }
            } catch (BrokerRuntime.ConfigurationRejected rejected) {
                throw MqErrors.badRequest("data", rejected.getMessage());
            }
        }
        synchronized (lock) {
            Configuration configuration = configuration(account, region, configurationId);
            configuration.revisions.add(new Configuration.Revision(configuration.revisions.size() + 1,
                    clock.instant().toEpochMilli(), description,
                    Base64.getEncoder().encodeToString(document.getBytes(StandardCharsets.UTF_8))));
            WriteBatch batch = new WriteBatch();
            save(batch, configuration);
            store.commit(batch);
            return new MqViews.ConfigurationUpdate(view(configuration), List.copyOf(warnings));
        }
    }

    /** DeleteConfiguration: refused while a broker uses it (now, pending, or in its history). */
    public void deleteConfiguration(String account, String region, String configurationId) {
        synchronized (lock) {
            Configuration configuration = configuration(account, region, configurationId);
            for (Broker broker : brokers.values()) {
                if (uses(broker, configurationId)) {
                    throw MqErrors.CONFLICT.error("configuration-id", "Configuration [" + configurationId
                            + "] is in use by broker [" + broker.id + "]. Delete the broker first.");
                }
            }
            configurations.remove(configuration.id);
            WriteBatch batch = new WriteBatch();
            batch.delete(layout.configurations, MqStoreLayout.key(configuration.id));
            store.commit(batch);
        }
    }

    public RevisionView describeConfigurationRevision(String account, String region, String configurationId,
                                                      String revision) {
        synchronized (lock) {
            Configuration configuration = configuration(account, region, configurationId);
            int number;
            try {
                number = Integer.parseInt(revision);
            } catch (NumberFormatException e) {
                throw MqErrors.badRequest("configuration-revision", "Revision [" + revision + "] is invalid. "
                        + "Revisions are numbers from 1.");
            }
            Configuration.Revision found = configuration.revision(number);
            if (found == null) {
                throw MqErrors.revisionNotFound(configurationId, revision);
            }
            return view(found);
        }
    }

    public Page<RevisionView> listConfigurationRevisions(String account, String region, String configurationId,
                                                         Integer maxResults, String nextToken) {
        List<RevisionView> all = new ArrayList<>();
        synchronized (lock) {
            for (Configuration.Revision revision : configuration(account, region, configurationId).revisions) {
                all.add(view(revision));
            }
        }
        return Pages.page(all, maxResults, nextToken);
    }

    // ---------------------------------------------------------------- tags

    public void createTags(String account, String region, String arn, Map<String, String> tags) {
        synchronized (lock) {
            Map<String, String> current = tagsFor(account, region, arn);
            Map<String, String> merged = new LinkedHashMap<>(current);
            merged.putAll(tags);
            MqValidation.tags(merged);
            current.putAll(tags);
            commitOwner(arn);
        }
    }

    public void deleteTags(String account, String region, String arn, List<String> keys) {
        synchronized (lock) {
            Map<String, String> current = tagsFor(account, region, arn);
            keys.forEach(current::remove);
            commitOwner(arn);
        }
    }

    public Map<String, String> listTags(String account, String region, String arn) {
        synchronized (lock) {
            return Map.copyOf(tagsFor(account, region, arn));
        }
    }

    /** The tags of a broker or configuration by ARN, for {@code aws:ResourceTag}; empty when there is none. */
    public Map<String, String> tagsOf(String arn) {
        synchronized (lock) {
            for (Broker broker : brokers.values()) {
                if (broker.arn.equals(arn)) {
                    return Map.copyOf(broker.tags);
                }
            }
            for (Configuration configuration : configurations.values()) {
                if (configuration.arn.equals(arn)) {
                    return Map.copyOf(configuration.tags);
                }
            }
            return Map.of();
        }
    }

    /** A broker's ARN, or null when there is no such broker in this account and region. */
    public String brokerArn(String account, String region, String brokerId) {
        synchronized (lock) {
            Broker broker = brokers.get(brokerId);
            return broker != null && broker.account.equals(account) && broker.region.equals(region) ? broker.arn
                    : null;
        }
    }

    // ---------------------------------------------------------------- helpers

    private interface BrokerChange<T> {
        T apply(Broker broker);
    }

    /** Changes a broker not being deleted and commits it before returning. */
    private <T> T change(String account, String region, String brokerId, BrokerChange<T> body) {
        synchronized (lock) {
            Broker broker = broker(account, region, brokerId);
            if (broker.state.equals(DELETION_IN_PROGRESS)) {
                throw MqErrors.badRequest("broker-id", "Broker [" + brokerId + "] is being deleted.");
            }
            T result = body.apply(broker);
            commit(broker);
            return result;
        }
    }

    void commit(Broker broker) {
        WriteBatch batch = new WriteBatch();
        save(batch, broker);
        store.commit(batch);
    }

    void save(WriteBatch batch, Broker broker) {
        batch.put(layout.brokers, MqStoreLayout.key(broker.id), MqStoreLayout.encode(broker));
    }

    private void save(WriteBatch batch, Configuration configuration) {
        batch.put(layout.configurations, MqStoreLayout.key(configuration.id), MqStoreLayout.encode(configuration));
    }

    private void commitOwner(String arn) {
        for (Broker broker : brokers.values()) {
            if (broker.arn.equals(arn)) {
                commit(broker);
                return;
            }
        }
        for (Configuration configuration : configurations.values()) {
            if (configuration.arn.equals(arn)) {
                WriteBatch batch = new WriteBatch();
                save(batch, configuration);
                store.commit(batch);
                return;
            }
        }
    }

    /** The live tag map of the broker or configuration {@code arn} names. */
    private Map<String, String> tagsFor(String account, String region, String arn) {
        for (Broker broker : brokers.values()) {
            if (broker.arn.equals(arn) && broker.account.equals(account) && broker.region.equals(region)) {
                return broker.tags;
            }
        }
        for (Configuration configuration : configurations.values()) {
            if (configuration.arn.equals(arn) && configuration.account.equals(account)
                    && configuration.region.equals(region)) {
                return configuration.tags;
            }
        }
        throw MqErrors.resourceNotFound(arn);
    }

    private Broker broker(String account, String region, String brokerId) {
        Broker broker = brokers.get(brokerId);
        if (broker == null || !broker.account.equals(account) || !broker.region.equals(region)) {
            throw MqErrors.brokerNotFound(brokerId);
        }
        return broker;
    }

    private Configuration configuration(String account, String region, String configurationId) {
        Configuration configuration = configurations.get(configurationId);
        if (configuration == null || !configuration.account.equals(account) || !configuration.region.equals(region)) {
            throw MqErrors.configurationNotFound(configurationId);
        }
        return configuration;
    }

    private static BrokerUserRecord user(Broker broker, String username) {
        BrokerUserRecord record = broker.users.get(username);
        if (record == null) {
            throw MqErrors.userNotFound(username);
        }
        return record;
    }

    private static ConfigurationRef reference(Configuration configuration, Integer revision, String engineType) {
        if (!configuration.engineType.equals(engineType)) {
            throw MqErrors.badRequest("configuration", "Configuration [" + configuration.id + "] is for "
                    + configuration.engineType + " brokers, not " + engineType + " ones.");
        }
        int number = revision == null ? configuration.latest().revision() : revision;
        if (configuration.revision(number) == null) {
            throw MqErrors.revisionNotFound(configuration.id, String.valueOf(number));
        }
        return new ConfigurationRef(configuration.id, number);
    }

    private static boolean uses(Broker broker, String configurationId) {
        if (broker.configuration != null && broker.configuration.id().equals(configurationId)) {
            return true;
        }
        return broker.pendingConfiguration != null && broker.pendingConfiguration.id().equals(configurationId);
    }

    private static String engineVersion(String engineType, String requested) {
        List<String> versions = EngineCatalog.versions(engineType);
        if (requested == null) {
            return versions.get(0);
        }
        for (String version : versions) {
            if (requested.equals(version) || requested.startsWith(version + ".")) {
                return version;
            }
        }
        throw MqErrors.badRequest("engineVersion", "Broker engine version [" + requested + "] is invalid. Valid "
                + "values are: " + versions);
    }

    private static void refuseLdap(boolean ldap) {
        if (ldap) {
            throw MqErrors.badRequest("authenticationStrategy", "LDAP authentication is not supported by Wharf; "
                    + "use SIMPLE.");
        }
    }

    private Configuration newConfiguration(String account, String region, String name, String engineType,
                                           String engineVersion, String authentication, Map<String, String> tags,
                                           Instant now, String description) {
        Configuration configuration = new Configuration();
        configuration.id = "c-" + UUID.randomUUID();
        configuration.account = account;
        configuration.region = region;
        configuration.arn = "arn:aws:mq:" + region + ":" + account + ":configuration:" + configuration.id;
        configuration.name = name;
        configuration.engineType = engineType;
        configuration.engineVersion = engineVersion;
        configuration.authenticationStrategy = authentication;
        configuration.createdMillis = now.toEpochMilli();
        configuration.tags = new LinkedHashMap<>(tags);
        configuration.revisions.add(new Configuration.Revision(1, now.toEpochMilli(), description,
                Base64.getEncoder().encodeToString(EngineCatalog.defaultConfiguration(engineType)
                        .getBytes(StandardCharsets.UTF_8))));
        configurations.put(configuration.id, configuration);
        return configuration;
    }

    /** The decoded data of a broker's applied configuration, or null (none). Under the lock. */
    String configurationData(Broker broker) {
        if (broker.configuration == null) {
            return null;
        }
        Configuration configuration = configurations.get(broker.configuration.id());
        Configuration.Revision revision = configuration == null ? null
                : configuration.revision(broker.configuration.revision());
        return revision == null ? null
                : new String(Base64.getDecoder().decode(revision.data()), StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- views

    private BrokerView view(Broker b) {
        List<UserView> users = new ArrayList<>();
        for (BrokerUserRecord user : b.users.values()) {
            users.add(view(b, user));
        }
        List<MqViews.Instance> instances = new ArrayList<>();
        for (var instance : b.instances) {
            instances.add(new MqViews.Instance(instance.consoleUrl(), instance.endpoints(), instance.ipAddress()));
        }
        List<MqViews.ConfigurationRef> history = new ArrayList<>();
        for (ConfigurationRef ref : b.configurationHistory) {
            history.add(ref(ref));
        }
        return new BrokerView(b.id, b.name, b.arn, Instant.ofEpochMilli(b.createdMillis), b.state, b.engineType,
                b.engineVersion, b.pendingEngineVersion, b.deploymentMode, b.hostInstanceType,
                b.pendingHostInstanceType, b.publiclyAccessible, b.autoMinorVersionUpgrade, b.authenticationStrategy,
                b.storageType, List.copyOf(b.securityGroups), List.copyOf(b.subnetIds), b.logsGeneral, b.logsAudit,
                b.maintenanceDay, b.maintenanceTime, b.maintenanceZone, b.useAwsOwnedKey, b.kmsKeyId,
                b.dataReplicationMode, ref(b.configuration), ref(b.pendingConfiguration), history,
                b.actionRequiredCode, b.actionRequiredInfo, instances, Map.copyOf(b.tags), users);
    }

    private static MqViews.ConfigurationRef ref(ConfigurationRef ref) {
        return ref == null ? null : new MqViews.ConfigurationRef(ref.id(), ref.revision());
    }

    private static UserView view(Broker broker, BrokerUserRecord user) {
        return new UserView(broker.id, user.username, user.applied, user.consoleAccess, List.copyOf(user.groups),
                user.replicationUser, user.pendingChange, user.pendingConsoleAccess,
                user.pendingGroups == null ? null : List.copyOf(user.pendingGroups));
    }

    private static ConfigurationView view(Configuration c) {
        return new ConfigurationView(c.id, c.arn, c.name, c.engineType, c.engineVersion, c.authenticationStrategy,
                Instant.ofEpochMilli(c.createdMillis), view(c.latest()), Map.copyOf(c.tags));
    }

    private static RevisionView view(Configuration.Revision revision) {
        return new RevisionView(revision.revision(), Instant.ofEpochMilli(revision.createdMillis()),
                revision.description(), revision.data());
    }

    /** For tests and the lifecycle: runs {@code body} under the engine's lock. */
    <T> T locked(Supplier<T> body) {
        synchronized (lock) {
            return body.get();
        }
    }
}
