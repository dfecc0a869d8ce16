/**
 * The web console at {@code /_wharf/console}: queues, topics and streams of one account and region in the browser,
 * rendered on the server (jte templates in {@code src/main/jte}, htmx polling fragments for live numbers, uPlot for the
 * small charts, both WebJars served from the classpath). {@link io.wharf.console.Console} is the entry the server's
 * front door calls on a request's virtual thread; every page and action is authorised by the same
 * {@link io.wharf.protocol.auth.AccessControl} as the wire API, with the AWS action name and the resource ARN
 * ({@link io.wharf.console.ConsoleAccess}).
 */
package io.wharf.console;
