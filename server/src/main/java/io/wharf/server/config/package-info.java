/**
 * Configuration: the command line and {@code WHARF_*} environment variables become one immutable
 * {@link io.wharf.server.config.WharfConfig}, validated once at start-up (like Aeron's
 * {@code Context.conclude()}), so a typo is an error naming the bad value before any port is bound.
 */
package io.wharf.server.config;
