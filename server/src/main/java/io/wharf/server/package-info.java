/**
 * The server: {@link io.wharf.server.Wharf} wires a store, the services and the front door together and
 * shuts them down in order; {@link io.wharf.server.Main} is the command-line entry point.
 */
package io.wharf.server;
