package io.wharf.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.console.view.DeliveryStreamRow;
import io.wharf.console.view.DeliveryStreamView;
import io.wharf.firehose.FirehoseService;
import io.wharf.firehose.engine.FirehoseEngine;
import io.wharf.firehose.engine.StreamCounters;
import io.wharf.protocol.AwsException;
import io.wharf.protocol.wire.WireResponse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Firehose delivery streams, read only: the list ({@code firehose:ListDeliveryStreams} on {@code *}, then
 * {@code firehose:DescribeDeliveryStream} on each stream's ARN) and one stream's page with its counters.
 */
final class DeliveryStreamPages {
    /** At most this many delivery streams are listed. */
    static final int MAX_STREAMS = 1000;

    private final FirehoseService firehose;
    private final FirehoseEngine engine;
    private final ConsoleAccess access;
    private final Html html;

    DeliveryStreamPages(FirehoseService firehose, ConsoleAccess access, Html html) {
        this.firehose = firehose;
        this.engine = firehose.engine();
        this.access = access;
        this.html = html;
    }

    WireResponse list(Visit v) {
        String account = v.caller().account();
        String region = v.caller().region();
        String title = "Delivery streams";
        try {
            access.check(v.caller(), firehose, "firehose:ListDeliveryStreams", "*", null);
            List<DeliveryStreamRow> rows = new ArrayList<>();
            for (String name : engine.list(account, region, null, null, MAX_STREAMS).names()) {
                String link = v.url("/delivery-stream", "name", name);
                try {
                    access.check(v.caller(), firehose, "firehose:DescribeDeliveryStream", arn(v, name), account);
                    FirehoseEngine.StreamView s = engine.describe(name, account, region);
                    rows.add(new DeliveryStreamRow(name, link, s.status(), source(s), destination(s), null));
                } catch (ConsoleAccess.Denied e) {
                    rows.add(new DeliveryStreamRow(name, link, "", "", "", Texts.error(e)));
                } catch (AwsException e) {
                    continue; // deleted since it was listed
                }
            }
            return html.page(200, "deliveryStreams", Html.params("chrome", v.chrome(title, "delivery-streams", null),
                    "rows", rows));
        } catch (ConsoleAccess.Denied e) {
            return html.page(403, "deliveryStreams", Html.params("chrome", v.chrome(title, "delivery-streams",
                    Texts.error(e)), "rows", List.of()));
        }
    }

    WireResponse page(Visit v) {
        String name = v.required("name");
        String title = "Delivery stream " + name;
        String account = v.caller().account();
        String region = v.caller().region();
        try {
            access.check(v.caller(), firehose, "firehose:DescribeDeliveryStream", arn(v, name), account);
            FirehoseEngine.StreamView s = engine.describe(name, account, region);
            StreamCounters.Snapshot c = engine.counters(name, account, region);
            Map<String, String> facts = new LinkedHashMap<>();
            facts.put("Type", s.type());
            facts.put("Version", Integer.toString(s.version()));
            facts.put("Created", Texts.time(s.createdMillis()));
            facts.put("Last updated", Texts.time(s.lastUpdateMillis()));
            facts.put("Encryption", s.encryptionStatus()
                    + (s.encryptionKeyType() == null ? "" : " (" + s.encryptionKeyType() + ")"));
            Map<String, Long> counters = new LinkedHashMap<>();
            counters.put("Records in", c.recordsIn());
            counters.put("Bytes in", c.bytesIn());
            counters.put("Records delivered", c.recordsDelivered());
            counters.put("Objects delivered", c.objectsDelivered());
            counters.put("Delivery failures", c.deliveryFailures());
            counters.put("Records buffered", c.recordsBuffered());
            counters.put("Bytes buffered", c.bytesBuffered());
            DeliveryStreamView view = new DeliveryStreamView(name, s.arn(), s.status(), source(s), destination(s),
                    facts, counters);
            return html.page(200, "deliveryStream", Html.params("chrome", v.chrome(title, "delivery-streams", null),
                    "d", view));
        } catch (ConsoleAccess.Denied e) {
            return html.page(403, "message", Html.params("chrome", v.chrome(title, "delivery-streams",
                    Texts.error(e))));
        } catch (AwsException e) {
            return html.page(e.httpStatus(), "message", Html.params("chrome", v.chrome(title, "delivery-streams",
                    Texts.error(e))));
        }
    }

    /** {@code Direct PUT}, or the Kinesis stream's ARN a KinesisStreamAsSource stream reads. */
    static String source(FirehoseEngine.StreamView s) {
        JsonNode arn = s.source() == null ? null : s.source().get("KinesisStreamARN");
        if (arn != null && arn.isTextual()) {
            return "Kinesis stream " + arn.asText();
        }
        return "DirectPut".equals(s.type()) ? "Direct PUT" : s.type();
    }

    /** The destination's kind ({@code ExtendedS3}, {@code HttpEndpoint}…) and its bucket or URL when it has one. */
    static String destination(FirehoseEngine.StreamView s) {
        String member = s.destinationMember() == null ? "" : s.destinationMember();
        String kind = member.replace("DestinationDescription", "").replace("DestinationConfiguration", "");
        JsonNode d = s.destination();
        for (String where : List.of("BucketARN", "EndpointConfiguration")) {
            JsonNode node = d == null ? null : d.get(where);
            if (node != null && node.isTextual()) {
                return kind + " " + node.asText();
            }
            if (node != null && node.has("Url") && node.get("Url").isTextual()) {
                return kind + " " + node.get("Url").asText();
            }
        }
        return kind;
    }

    private static String arn(Visit v, String name) {
        return "arn:aws:firehose:" + v.caller().region() + ":" + v.caller().account() + ":deliverystream/" + name;
    }
}
