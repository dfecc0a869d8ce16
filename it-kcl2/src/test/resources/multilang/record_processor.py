#!/usr/bin/env python3
"""A KCL MultiLang record processor with nothing but the standard library.

The MultiLang daemon starts one such process per shard it leases and talks to it in JSON lines: it writes one action a
line on our stdin (initialize, processRecords, leaseLost, shardEnded, shutdownRequested, and the older shutdown) and
waits for {"action": "status", "responseFor": <action>} on our stdout. In between, we may ask it to checkpoint with
{"action": "checkpoint", "sequenceNumber": ..., "subSequenceNumber": ...} (null: everything delivered so far, or
SHARD_END after shardEnded); it answers with a checkpoint message carrying "error" if the checkpoint failed.

Usage: record_processor.py EVENTS_FILE. Every record and every checkpoint's outcome is appended to EVENTS_FILE as one
JSON line; the daemon runs one process per shard, all appending to the same file, so each line goes out in one
O_APPEND write. Nothing but protocol messages may go to stdout; diagnostics go to stderr, which the daemon logs.
"""
import base64
import json
import os
import sys


class Protocol:
    def __init__(self, incoming, outgoing):
        self.incoming = incoming
        self.outgoing = outgoing

    def receive(self):
        """The daemon's next message, or None once it closed our stdin."""
        line = self.incoming.readline()
        if not line:
            return None
        return json.loads(line)

    def send(self, message):
        self.outgoing.write(json.dumps(message) + "\n")
        self.outgoing.flush()

    def checkpoint(self, sequence_number=None, sub_sequence_number=None):
        """Asks the daemon to checkpoint and returns its error (None when the checkpoint was written)."""
        self.send({"action": "checkpoint", "sequenceNumber": sequence_number,
                   "subSequenceNumber": sub_sequence_number})
        reply = self.receive()
        if reply is None or reply.get("action") != "checkpoint":
            raise RuntimeError("expected the daemon's checkpoint reply, got %r" % (reply,))
        return reply.get("error")


class EventsFile:
    def __init__(self, path):
        self.fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)

    def append(self, event):
        os.write(self.fd, (json.dumps(event) + "\n").encode("utf-8"))


class RecordProcessor:
    def __init__(self, protocol, events):
        self.protocol = protocol
        self.events = events
        self.shard_id = None

    def initialize(self, message):
        self.shard_id = message["shardId"]

    def process_records(self, message):
        for record in message["records"]:
            self.events.append({"event": "record", "shard": self.shard_id,
                                "partitionKey": record["partitionKey"],
                                "sequenceNumber": record["sequenceNumber"],
                                "data": base64.b64decode(record["data"]).decode("utf-8")})
        if message["records"]:
            last = message["records"][-1]
            self.checkpoint("processRecords", last["sequenceNumber"], last.get("subSequenceNumber"))

    def lease_lost(self, message):
        # another worker holds the shard now: checkpointing is no longer allowed
        self.events.append({"event": "leaseLost", "shard": self.shard_id})

    def shard_ended(self, message):
        # the shard is closed and drained: checkpointing at its end lets the daemon start on the children
        self.checkpoint("shardEnded", None)

    def shutdown_requested(self, message):
        self.checkpoint("shutdownRequested", None)

    def shutdown(self, message):
        # the older form of leaseLost and shardEnded, kept by the daemon for old processors
        if message.get("reason") == "TERMINATE":
            self.checkpoint("shutdown", None)

    def checkpoint(self, after, sequence_number, sub_sequence_number=None):
        error = self.protocol.checkpoint(sequence_number, sub_sequence_number)
        self.events.append({"event": "checkpoint", "shard": self.shard_id, "after": after,
                            "sequenceNumber": sequence_number, "error": error})


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: record_processor.py EVENTS_FILE\n")
        return 2
    protocol = Protocol(sys.stdin, sys.stdout)
    processor = RecordProcessor(protocol, EventsFile(argv[1]))
    handlers = {
        "initialize": processor.initialize,
        "processRecords": processor.process_records,
        "leaseLost": processor.lease_lost,
        "shardEnded": processor.shard_ended,
        "shutdownRequested": processor.shutdown_requested,
        "shutdown": processor.shutdown,
    }
    while True:
        message = protocol.receive()
        if message is None:
            return 0
        action = message.get("action")
        handler = handlers.get(action)
        if handler is None:
            sys.stderr.write("record_processor: unknown action %r\n" % (action,))
        else:
            handler(message)
        protocol.send({"action": "status", "responseFor": action})


if __name__ == "__main__":
    sys.exit(main(sys.argv))
