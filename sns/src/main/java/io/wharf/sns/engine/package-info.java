/**
 * The SNS engine: topics, subscriptions, publishing and the delivery outbox. Pure Java, no HTTP; time comes
 * from an injected {@link java.time.Clock}; every change is durable in the store before a method returns
 * ({@link io.wharf.sns.engine.SnsStoreLayout} documents the keys and values), and a new engine on the same
 * store recovers topics, subscriptions and undelivered messages.
 */
package io.wharf.sns.engine;
