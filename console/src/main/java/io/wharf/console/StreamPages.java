package io.wharf.console;

import io.wharf.console.view.RecordRow;
import io.wharf.console.view.ShardRow;
import io.wharf.console.view.StreamNumbers;
import io.wharf.console.view.StreamRow;
import io.wharf.console.view.StreamView;
import io.wharf.kinesis.KinesisService;
import io.wharf.kinesis.engine.ConsumerView;
import io.wharf.kinesis.engine.KinesisEngine;
import io.wharf.kinesis.engine.StreamRef;
import io.wharf.kinesis.engine.StreamStats;
import io.wharf.kinesis.engine.Views;
import io.wharf.protocol.AwsException;
import io.wharf.protocol.wire.WireResponse;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The streams: the list with rates, one stream's page (shards and their lineage, consumers, rates) and the tail —
 * records of one shard from TRIM_HORIZON, LATEST, AT_SEQUENCE_NUMBER or AT_TIMESTAMP ({@code kinesis:GetShardIterator}
 * and {@code kinesis:GetRecords}; reading moves nothing, as with the API).
 */
final class StreamPages {
    private static final int MAX_SHARDS = 1000;
    private static final int TAIL_RECORDS = 25;
    private static final int MAX_DATA_CHARS = 4096;

    private final KinesisService kinesis;
    private final KinesisEngine engine;
    private final ConsoleAccess access;
    private final Sampler sampler;
    private final Html html;

    StreamPages(KinesisService kinesis, ConsoleAccess access, Sampler sampler, Html html) {
        this.kinesis = kinesis;
        this.engine = kinesis.engine();
        this.access = access;
        this.sampler = sampler;
        this.html = html;
    }

    WireResponse list(Visit v) {
        try {
            return html.page(200, "streams", Html.params("chrome", v.chrome("Streams", "streams", null),
                    "rows", load(v)));
        } catch (ConsoleAccess.Denied e) {
            return html.page(403, "streams", Html.params("chrome", v.chrome("Streams", "streams", Texts.error(e)),
                    "rows", List.of()));
        }
    }

    WireResponse rows(Visit v) {
        try {
            return Html.html(200, html.render("streamRows", Html.params("rows", load(v))));
        } catch (ConsoleAccess.Denied e) {
            return Html.fragment(html.render("errorRow", Html.params("error", Texts.error(e), "columns", 6)));
        }
    }

    private List<StreamRow> load(Visit v) {
        access.check(v.caller(), kinesis, "kinesis:ListStreams", "*", null);
        List<StreamRow> rows = new ArrayList<>();
        String after = null;
        while (rows.size() < 10_000) {
            Views.StreamPage page = engine.listStreams(v.caller().account(), v.caller().region(), 100, after, null);
            for (Views.StreamView s : page.streams()) {
                double[] rates = sampler.ratesPerSecond(Sampling.streamKey(s.arn()));
                rows.add(new StreamRow(s.name(), v.url("/stream", "name", s.name()), s.status(), s.mode(),
                        s.openShardCount(), Texts.rate(rates, 0), Texts.rate(rates, 1)));
                after = s.name();
            }
            if (!page.hasMore() || page.streams().isEmpty()) {
                break;
            }
        }
        return rows;
    }

    WireResponse page(Visit v) {
        StreamRef ref = stream(v);
        String title = "Stream " + ref.name();
        try {
            access.check(v.caller(), kinesis, "kinesis:DescribeStream", ref.arn(), ref.account());
            Views.StreamView s = engine.describe(ref, MAX_SHARDS, null);
            List<ShardRow> shards = new ArrayList<>();
            for (Views.ShardView shard : s.shards()) {
                String parents = shard.parentShardId() == null ? "" : shard.parentShardId()
                        + (shard.adjacentParentShardId() == null ? "" : " + " + shard.adjacentParentShardId());
                shards.add(new ShardRow(shard.shardId(), shard.endingSequenceNumber() == null ? "open" : "closed",
                        parents, shard.startingHashKey() + " – " + shard.endingHashKey(),
                        shard.startingSequenceNumber(),
                        shard.endingSequenceNumber() == null ? "" : shard.endingSequenceNumber()));
            }
            List<String> consumers = new ArrayList<>();
            String error = null;
            try {
                access.check(v.caller(), kinesis, "kinesis:ListStreamConsumers", ref.arn(), ref.account());
                for (ConsumerView c : engine.listConsumers(ref.arn(), 100, null).consumers()) {
                    consumers.add(c.name() + " · " + c.status() + " · since " + Texts.time(c.createdMillis()));
                }
            } catch (ConsoleAccess.Denied e) {
                error = Texts.error(e);
            }
            StreamView view = new StreamView(s.name(), s.arn(), s.status(), s.mode(), s.retentionHours(),
                    v.url("/stream/numbers", "name", ref.name()), v.url("/stream/series", "name", ref.name()),
                    v.url("/stream/records", "name", ref.name()), shards, consumers);
            return html.page(200, "stream", Html.params("chrome", v.chrome(title, "streams", error), "s", view,
                    "numbers", numbersOf(ref)));
        } catch (ConsoleAccess.Denied e) {
            return html.page(403, "message", Html.params("chrome", v.chrome(title, "streams", Texts.error(e))));
        } catch (AwsException e) {
            return html.page(e.httpStatus(), "message", Html.params("chrome", v.chrome(title, "streams",
                    Texts.error(e))));
        }
    }

    WireResponse numbers(Visit v) {
        StreamRef ref = stream(v);
        try {
            access.check(v.caller(), kinesis, "kinesis:DescribeStreamSummary", ref.arn(), ref.account());
            return Html.html(200, html.render("streamNumbers", Html.params("n", numbersOf(ref))));
        } catch (ConsoleAccess.Denied e) {
            return Html.fragment(html.render("errorText", Html.params("error", Texts.error(e))));
        }
    }

    private StreamNumbers numbersOf(StreamRef ref) {
        double[] rates = sampler.ratesPerSecond(Sampling.streamKey(ref.arn()));
        for (StreamStats s : engine.streamStats()) {
            if (s.ref().equals(ref)) {
                return new StreamNumbers(s.incomingRecords(), s.incomingBytes(), s.outgoingRecords(),
                        s.outgoingBytes(), s.iteratorAgeMillis(), s.subscriptions(), Texts.rate(rates, 0),
                        Texts.rate(rates, 1));
            }
        }
        return new StreamNumbers(0, 0, 0, 0, 0, 0, "–", "–");
    }

    /** Up to 25 records of one shard from the chosen position, as GetShardIterator + GetRecords would read them. */
    WireResponse records(Visit v) {
        StreamRef ref = stream(v);
        List<RecordRow> rows = new ArrayList<>();
        String error = null;
        String note = null;
        try {
            String type = v.required("type");
            String sequence = blank(v.param("sequenceNumber"));
            Long timestamp = null;
            switch (type) {
                case "TRIM_HORIZON", "LATEST" -> sequence = null;
                case "AT_SEQUENCE_NUMBER" -> {
                    if (sequence == null) {
                        throw new AwsException("InvalidArgumentException", 400, true,
                                "AT_SEQUENCE_NUMBER needs a sequence number.");
                    }
                }
                case "AT_TIMESTAMP" -> {
                    sequence = null;
                    timestamp = timestamp(v.param("timestamp"));
                }
                default -> throw new AwsException("InvalidArgumentException", 400, true,
                        "Unknown position " + type + ".");
            }
            access.check(v.caller(), kinesis, "kinesis:GetShardIterator", ref.arn(), ref.account());
            access.check(v.caller(), kinesis, "kinesis:GetRecords", ref.arn(), ref.account());
            String iterator = engine.records().shardIterator(ref, v.required("shard"), type, sequence, timestamp);
            Views.RecordsPage page = engine.records().get(iterator, ref.arn(), TAIL_RECORDS);
            for (Views.RecordView r : page.records()) {
                String text = utf8(r.data());
                boolean base64 = text == null;
                String shown = base64 ? Base64.getEncoder().encodeToString(r.data()) : text;
                if (shown.length() > MAX_DATA_CHARS) {
                    shown = shown.substring(0, MAX_DATA_CHARS) + "…";
                }
                rows.add(new RecordRow(r.sequenceNumber(), Texts.time(r.arrivalMillis()), r.partitionKey(), shown,
                        base64));
            }
            if (type.equals("LATEST") && rows.isEmpty()) {
                note = "LATEST starts after the newest record";
            } else if (page.records().size() == TAIL_RECORDS) {
                note = "the first " + TAIL_RECORDS + " records from there";
            }
        } catch (ConsoleAccess.Denied e) {
            error = Texts.error(e);
        } catch (AwsException e) {
            error = Texts.error(e);
        }
        return Html.fragment(html.render("records", Html.params("records", rows,
                "error", error, "note", note)));
    }

    WireResponse series(Visit v) {
        StreamRef ref = stream(v);
        try {
            access.check(v.caller(), kinesis, "kinesis:DescribeStreamSummary", ref.arn(), ref.account());
        } catch (ConsoleAccess.Denied e) {
            return Html.text(403, Texts.error(e));
        }
        return Html.json(Texts.seriesJson(sampler.points(Sampling.streamKey(ref.arn())), 2));
    }

    private static StreamRef stream(Visit v) {
        return new StreamRef(v.caller().account(), v.caller().region(), v.required("name"));
    }

    private static Long timestamp(String text) {
        if (text == null || text.isBlank()) {
            throw new AwsException("InvalidArgumentException", 400, true, "AT_TIMESTAMP needs a timestamp.");
        }
        try {
            return Instant.parse(text.trim()).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new AwsException("InvalidArgumentException", 400, true,
                    "The timestamp must look like 2026-01-01T00:00:00Z.");
        }
    }

    /** The data as text when it is valid UTF-8, else null. */
    private static String utf8(byte[] data) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String blank(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
