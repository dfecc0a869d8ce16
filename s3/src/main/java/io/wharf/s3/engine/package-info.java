/**
 * S3's domain, pure Java: buckets and their settings ({@link io.wharf.s3.engine.S3Engine}), objects as files under the
 * object directory with their metadata in the store ({@link io.wharf.s3.engine.ObjectFiles},
 * {@link io.wharf.s3.engine.S3StoreLayout}), listings, conditions, ranges, checksums, multipart uploads, tagging and
 * event notifications with their durable outbox. No HTTP, no XML; time from an injected clock.
 */
package io.wharf.s3.engine;
