package io.wharf.sns.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.sns.SnsErrors;
import io.wharf.storage.WriteBatch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Mobile push (platform applications, endpoints), SMS settings and the SMS sandbox: state is kept and answered as
 * AWS does for an account with nothing configured; nothing is ever sent. Entities live under {@code sns.platform}
 * (keys in {@link SnsStoreLayout}), each value {@code {"attributes":{...}, ...}}; every change is awaited.
 */
public final class PlatformState {
    private static final Set<String> PLATFORMS = Set.of("ADM", "APNS", "APNS_SANDBOX", "GCM", "BAIDU", "MPNS",
            "WNS");
    private static final Pattern APP_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,256}");
    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{1,14}");

    private final SnsStoreLayout layout;
    private final TreeMap<String, ObjectNode> entities = new TreeMap<>();

    PlatformState(SnsStoreLayout layout) {
        this.layout = layout;
        layout.store.scan(layout.platform, new byte[0],
                (k, v) -> entities.put(SnsStoreLayout.text(k), Json.read(v)));
    }

    // ---- platform applications and endpoints

    public synchronized String createPlatformApplication(String region, String account, String name,
                                                         String platform, Map<String, String> attributes) {
        if (!APP_NAME.matcher(name).matches()) {
            throw SnsErrors.invalidParameter("Invalid platform application name: " + name);
        }
        if (!PLATFORMS.contains(platform)) {
            throw SnsErrors.invalidParameter("Platform Reason: " + platform + " is not supported");
        }
        String arn = "arn:aws:sns:" + region + ":" + account + ":app/" + platform + "/" + name;
        ObjectNode app = entities.getOrDefault("app:" + arn, Json.MAPPER.createObjectNode());
        ObjectNode stored = app.withObject("attributes");
        attributes.forEach((k, v) -> {
            if (!k.equals("PlatformCredential")) { // AWS never returns the credential
                stored.put(k, v);
            }
        });
        stored.put("Enabled", stored.path("Enabled").asText("true"));
        save("app:" + arn, app);
        return arn;
    }

    public synchronized void deletePlatformApplication(String arn) {
        for (String key : List.copyOf(entities.keySet())) {
            if (key.equals("app:" + arn) || (key.startsWith("endpoint:")
                    && arn.equals(entities.get(key).path("app").asText()))) {
                remove(key);
            }
        }
    }

    public synchronized Map<String, String> platformApplicationAttributes(String arn) {
        return SnsStoreLayout.strings(application(arn), "attributes");
    }

    public synchronized void setPlatformApplicationAttributes(String arn, Map<String, String> attributes) {
        ObjectNode app = application(arn);
        attributes.forEach((k, v) -> {
            if (!k.equals("PlatformCredential")) {
                app.withObject("attributes").put(k, v);
            }
        });
        save("app:" + arn, app);
    }

    public synchronized Page<Map.Entry<String, Map<String, String>>> listPlatformApplications(String nextToken) {
        return page("app:", null, nextToken);
    }

    public synchronized String createPlatformEndpoint(String appArn, String token, String customUserData,
                                                      Map<String, String> attributes) {
        application(appArn);
        for (Map.Entry<String, ObjectNode> e : entities.entrySet()) {
            ObjectNode endpoint = e.getValue();
            if (e.getKey().startsWith("endpoint:") && appArn.equals(endpoint.path("app").asText())
                    && token.equals(endpoint.path("attributes").path("Token").asText())) {
                return e.getKey().substring("endpoint:".length()); // idempotent per token
            }
        }
        String arn = appArn.replace(":app/", ":endpoint/") + "/" + UUID.randomUUID();
        ObjectNode endpoint = Json.MAPPER.createObjectNode().put("app", appArn);
        ObjectNode stored = endpoint.putObject("attributes");
        attributes.forEach(stored::put);
        stored.put("Token", token).put("Enabled", stored.path("Enabled").asText("true"));
        if (customUserData != null) {
            stored.put("CustomUserData", customUserData);
        }
        save("endpoint:" + arn, endpoint);
        return arn;
    }

    /** Whether a platform endpoint exists (Subscribe with protocol {@code application}). */
    public synchronized boolean endpointExists(String arn) {
        return entities.containsKey("endpoint:" + arn);
    }

    public synchronized void deleteEndpoint(String arn) {
        remove("endpoint:" + arn);
    }

    public synchronized Map<String, String> endpointAttributes(String arn) {
        return SnsStoreLayout.strings(endpoint(arn), "attributes");
    }

    public synchronized void setEndpointAttributes(String arn, Map<String, String> attributes) {
        ObjectNode endpoint = endpoint(arn);
        attributes.forEach(endpoint.withObject("attributes")::put);
        save("endpoint:" + arn, endpoint);
    }

    public synchronized Page<Map.Entry<String, Map<String, String>>> listEndpoints(String appArn, String nextToken) {
        application(appArn);
        return page("endpoint:", appArn, nextToken);
    }

    /** Publish to a TargetArn or a PhoneNumber: checked, accepted, not sent. */
    synchronized PublishResult publish(PublishCommand c) {
        if (c.targetArn() != null) {
            ObjectNode endpoint = entities.get("endpoint:" + c.targetArn());
            if (endpoint == null) {
                throw SnsErrors.invalidParameter("TargetArn Reason: No endpoint found for the target arn specified");
            }
            if (!"true".equals(endpoint.path("attributes").path("Enabled").asText())) {
                throw SnsErrors.ENDPOINT_DISABLED.error("Endpoint is disabled");
            }
        } else if (!E164.matcher(c.phoneNumber()).matches()) {
            throw SnsErrors.invalidParameter("PhoneNumber Reason: " + c.phoneNumber() + " is not valid to publish to");
        }
        return new PublishResult(UUID.randomUUID().toString(), null);
    }

    // ---- SMS

    public synchronized Map<String, String> smsAttributes(List<String> names) {
        Map<String, String> all = SnsStoreLayout.strings(entities.getOrDefault("sms",
                Json.MAPPER.createObjectNode()), "attributes");
        if (names.isEmpty()) {
            return all;
        }
        Map<String, String> selected = new LinkedHashMap<>();
        names.forEach(n -> {
            if (all.containsKey(n)) {
                selected.put(n, all.get(n));
            }
        });
        return selected;
    }

    public synchronized void setSmsAttributes(Map<String, String> attributes) {
        ObjectNode sms = entities.getOrDefault("sms", Json.MAPPER.createObjectNode());
        attributes.forEach(sms.withObject("attributes")::put);
        save("sms", sms);
    }

    public void checkPhoneNumber(String phoneNumber) {
        if (phoneNumber == null || !E164.matcher(phoneNumber).matches()) {
            throw SnsErrors.invalidParameter("PhoneNumber Reason: input incorrectly formatted");
        }
    }

    public synchronized void createSandboxPhoneNumber(String phoneNumber, String languageCode) {
        checkPhoneNumber(phoneNumber);
        save("sandbox:" + phoneNumber, Json.MAPPER.createObjectNode().put("Status", "Pending")
                .put("LanguageCode", languageCode == null ? "en-US" : languageCode));
    }

    public synchronized void deleteSandboxPhoneNumber(String phoneNumber) {
        sandbox(phoneNumber);
        remove("sandbox:" + phoneNumber);
    }

    /** No SMS is ever sent, so there is no real one-time password: any OTP verifies. */
    public synchronized void verifySandboxPhoneNumber(String phoneNumber) {
        save("sandbox:" + phoneNumber, sandbox(phoneNumber).put("Status", "Verified"));
    }

    public synchronized Map<String, String> sandboxPhoneNumbers() {
        Map<String, String> numbers = new LinkedHashMap<>();
        entities.forEach((k, v) -> {
            if (k.startsWith("sandbox:")) {
                numbers.put(k.substring("sandbox:".length()), v.path("Status").asText());
            }
        });
        return numbers;
    }

    // ---- internals

    private ObjectNode sandbox(String phoneNumber) {
        ObjectNode number = entities.get("sandbox:" + phoneNumber);
        if (number == null) {
            throw SnsErrors.RESOURCE_NOT_FOUND.error("Phone number does not exist");
        }
        return number;
    }

    private ObjectNode application(String arn) {
        ObjectNode app = entities.get("app:" + arn);
        if (app == null) {
            throw SnsErrors.NOT_FOUND.error("PlatformApplication does not exist");
        }
        return app;
    }

    private ObjectNode endpoint(String arn) {
        ObjectNode endpoint = entities.get("endpoint:" + arn);
        if (endpoint == null) {
            throw SnsErrors.NOT_FOUND.error("Endpoint does not exist");
        }
        return endpoint;
    }

    private Page<Map.Entry<String, Map<String, String>>> page(String prefix, String appArn, String nextToken) {
        List<Map.Entry<String, Map<String, String>>> items = new ArrayList<>();
        entities.forEach((k, v) -> {
            if (k.startsWith(prefix) && (appArn == null || appArn.equals(v.path("app").asText()))) {
                items.add(Map.entry(k.substring(prefix.length()), SnsStoreLayout.strings(v, "attributes")));
            }
        });
        return Page.of(items, Map.Entry::getKey, nextToken, 100);
    }

    private void save(String key, ObjectNode value) {
        layout.store.commit(new WriteBatch().put(layout.platform, SnsStoreLayout.key(key), Json.bytes(value)));
        entities.put(key, value);
    }

    private void remove(String key) {
        layout.store.commit(new WriteBatch().delete(layout.platform, SnsStoreLayout.key(key)));
        entities.remove(key);
    }
}
