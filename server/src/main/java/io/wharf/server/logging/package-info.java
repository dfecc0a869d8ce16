/**
 * Wharf's own logging: the level and line format chosen on the command line applied to the logging backend
 * ({@link io.wharf.server.logging.LogSetup}), and the request log ({@link io.wharf.server.logging.RequestLogWriter}).
 */
package io.wharf.server.logging;
