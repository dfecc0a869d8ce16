/**
 * Firehose's engine: {@code FirehoseEngine} (delivery streams, their destinations, tags, encryption, the durable
 * intake), {@code Delivery} (the worker that buffers by size and interval and writes objects through the
 * {@code ObjectSink}), {@code ObjectKeys} (AWS's object names and prefix expressions), {@code Compression},
 * {@code FirehoseStoreLayout} (the keys and values on disk) and {@code Recovery}.
 */
package io.wharf.firehose.engine;
