/**
 * Test support for suites that talk to a real Wharf: {@link io.wharf.testkit.WharfServerExtension} starts
 * one in-process on a free port, {@link io.wharf.testkit.Clients} builds AWS SDK v2 clients pointed at it,
 * and {@link io.wharf.testkit.RawHttp} sends hand-made requests for protocol tests.
 */
package io.wharf.testkit;
