package io.wharf.console;

import io.wharf.console.view.IndexRow;
import io.wharf.console.view.TableDetails;
import io.wharf.console.view.TableRow;
import io.wharf.dynamodb.DynamoDbService;
import io.wharf.dynamodb.engine.DynamoDbEngine;
import io.wharf.dynamodb.engine.IndexSpec;
import io.wharf.dynamodb.engine.KeySchema;
import io.wharf.dynamodb.engine.TableSettings;
import io.wharf.dynamodb.engine.TableView;
import io.wharf.protocol.AwsException;
import io.wharf.protocol.wire.WireResponse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The DynamoDB tables, read only: the list ({@code dynamodb:ListTables} on {@code *}, then
 * {@code dynamodb:DescribeTable} on each table's ARN for its status, item count, keys and indexes) and one table's
 * page ({@code dynamodb:DescribeTable}).
 */
final class TablePages {
    /** At most this many tables are listed. */
    static final int MAX_TABLES = 1000;

    private final DynamoDbService dynamodb;
    private final DynamoDbEngine engine;
    private final ConsoleAccess access;
    private final Html html;

    TablePages(DynamoDbService dynamodb, ConsoleAccess access, Html html) {
        this.dynamodb = dynamodb;
        this.engine = dynamodb.engine();
        this.access = access;
        this.html = html;
    }

    WireResponse list(Visit v) {
        String account = v.caller().account();
        String region = v.caller().region();
        try {
            access.check(v.caller(), dynamodb, "dynamodb:ListTables", "*", null);
            List<TableRow> rows = new ArrayList<>();
            for (String name : engine.list(account, region, null, MAX_TABLES).names()) {
                String link = v.url("/table", "name", name);
                try {
                    access.check(v.caller(), dynamodb, "dynamodb:DescribeTable", arn(v, name), account);
                    TableView t = engine.describe(account, region, name);
                    rows.add(new TableRow(name, link, t.status(), Long.toString(t.itemCount()),
                            keys(t.settings().keys()), String.join(", ", t.indexes().keySet()), null));
                } catch (ConsoleAccess.Denied e) {
                    rows.add(new TableRow(name, link, "", "", "", "", Texts.error(e)));
                } catch (AwsException e) {
                    continue; // deleted since it was listed
                }
            }
            return html.page(200, "tables", Html.params("chrome", v.chrome("Tables", "tables", null), "rows", rows));
        } catch (ConsoleAccess.Denied e) {
            return html.page(403, "tables", Html.params("chrome", v.chrome("Tables", "tables", Texts.error(e)),
                    "rows", List.of()));
        }
    }

    WireResponse page(Visit v) {
        String name = v.required("name");
        String title = "Table " + name;
        try {
            String arn = arn(v, name);
            access.check(v.caller(), dynamodb, "dynamodb:DescribeTable", arn, v.caller().account());
            TableView t = engine.describe(v.caller().account(), v.caller().region(), name);
            TableSettings s = t.settings();
            List<IndexRow> indexes = new ArrayList<>();
            for (IndexSpec index : s.indexes()) {
                TableView.IndexView iv = t.indexes().get(index.name());
                String projection = index.projectionType() + (index.nonKeyAttributes().isEmpty() ? ""
                        : " " + String.join(", ", index.nonKeyAttributes()));
                indexes.add(new IndexRow(index.name(), index.global() ? "global" : "local", keys(index.keys()),
                        projection, iv == null ? "" : iv.status(), iv == null ? 0 : iv.itemCount()));
            }
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("Stream", s.streamEnabled() ? s.streamViewType() : "off");
            settings.put("Time to live", s.ttlEnabled() ? s.ttlAttribute() : "off");
            settings.put("Point-in-time recovery", s.pointInTimeRecovery() ? "on" : "off");
            settings.put("Deletion protection", s.deletionProtection() ? "on" : "off");
            settings.put("Table class", s.tableClass() == null ? "STANDARD" : s.tableClass());
            TableDetails details = new TableDetails(name, arn, t.status(), t.itemCount(), t.sizeBytes(),
                    keys(s.keys()), new TreeMap<>(s.attributeDefinitions()), billing(s), Texts.time(s.createdMillis()),
                    indexes, settings);
            return html.page(200, "table", Html.params("chrome", v.chrome(title, "tables", null), "t", details));
        } catch (ConsoleAccess.Denied e) {
            return html.page(403, "message", Html.params("chrome", v.chrome(title, "tables", Texts.error(e))));
        } catch (AwsException e) {
            return html.page(e.httpStatus(), "message", Html.params("chrome", v.chrome(title, "tables",
                    Texts.error(e))));
        }
    }

    /** {@code pk (HASH), sk (RANGE)}. */
    static String keys(KeySchema keys) {
        return keys.hashName() + " (HASH)" + (keys.hasRange() ? ", " + keys.rangeName() + " (RANGE)" : "");
    }

    private static String billing(TableSettings s) {
        return "PAY_PER_REQUEST".equals(s.billingMode()) ? "on demand"
                : "provisioned " + s.readCapacity() + " read, " + s.writeCapacity() + " write";
    }

    private static String arn(Visit v, String name) {
        return "arn:aws:dynamodb:" + v.caller().region() + ":" + v.caller().account() + ":table/" + name;
    }
}
