package io.wharf.server.config;

/**
 * Every setting with its command-line option and environment variable. One table, so the help text, the
 * environment lookup and the error messages cannot drift apart.
 */
public enum Setting {
    HOST("--host", "WHARF_HOST"),
    PORT("--port", "WHARF_PORT"),
    DATA_DIR("--data-dir", "WHARF_DATA_DIR"),
    IN_MEMORY("--in-memory", "WHARF_IN_MEMORY"),
    ACCOUNT_ID("--account-id", "WHARF_ACCOUNT_ID"),
    REGION("--region", "WHARF_REGION"),
    HOSTNAME("--hostname", "WHARF_HOSTNAME"),
    RELAXED("--relaxed", "WHARF_RELAXED"),
    MAX_REQUEST_BYTES("--max-request-bytes", "WHARF_MAX_REQUEST_BYTES"),
    SHUTDOWN_TIMEOUT("--shutdown-timeout", "WHARF_SHUTDOWN_TIMEOUT"),
    FSYNC("--fsync", "WHARF_FSYNC"),
    STORE_WAL_MIB("--store-wal-mib", "WHARF_STORE_WAL_MIB"),
    STORE_MEMTABLE_MIB("--store-memtable-mib", "WHARF_STORE_MEMTABLE_MIB"),
    SMTP_HOST("--smtp-host", "WHARF_SMTP_HOST"),
    SMTP_PORT("--smtp-port", "WHARF_SMTP_PORT"),
    TLS_PORT("--tls-port", "WHARF_TLS_PORT"),
    TLS_CERT("--tls-cert", "WHARF_TLS_CERT"),
    TLS_KEY("--tls-key", "WHARF_TLS_KEY"),
    KINESIS_TRANSITION_MS("--kinesis-transition-ms", "WHARF_KINESIS_TRANSITION_MS"),
    KINESIS_SHARD_LIMIT("--kinesis-shard-limit", "WHARF_KINESIS_SHARD_LIMIT"),
    KINESIS_ENFORCE_LIMITS("--kinesis-enforce-limits", "WHARF_KINESIS_ENFORCE_LIMITS"),
    AUTH("--auth", "WHARF_AUTH"),
    ROOT_ACCESS_KEY_ID("--root-access-key-id", "WHARF_ROOT_ACCESS_KEY_ID"),
    ROOT_SECRET_ACCESS_KEY("--root-secret-access-key", "WHARF_ROOT_SECRET_ACCESS_KEY"),
    ACCOUNTS("--account", "WHARF_ACCOUNTS"),
    AUDIT_LOG("--audit-log", "WHARF_AUDIT_LOG"),
    DELIVERY_ALLOW("--delivery-allow", "WHARF_DELIVERY_ALLOW"),
    DELIVERY_DENY("--delivery-deny", "WHARF_DELIVERY_DENY"),
    MASTER_KEY_FILE("--master-key-file", "WHARF_MASTER_KEY_FILE"),
    PUBLIC_URL("--public-url", "WHARF_PUBLIC_URL"),
    REPAIR("--repair", "WHARF_REPAIR"),
    IDLE_TIMEOUT("--idle-timeout", "WHARF_IDLE_TIMEOUT"),
    HEADER_TIMEOUT("--header-timeout", "WHARF_HEADER_TIMEOUT"),
    BODY_TIMEOUT("--body-timeout", "WHARF_BODY_TIMEOUT"),
    MAX_CONNECTIONS("--max-connections", "WHARF_MAX_CONNECTIONS"),
    MAX_INFLIGHT_BYTES("--max-inflight-bytes", "WHARF_MAX_INFLIGHT_BYTES"),
    HTTP2_MAX_STREAMS("--http2-max-streams", "WHARF_HTTP2_MAX_STREAMS"),
    FIREHOSE_TRANSITION_MS("--firehose-transition-ms", "WHARF_FIREHOSE_TRANSITION_MS"),
    LAMBDA_ENDPOINTS("--lambda-endpoint", "WHARF_LAMBDA_ENDPOINTS"),
    OPENSEARCH_ENDPOINTS("--opensearch-endpoint", "WHARF_OPENSEARCH_ENDPOINTS"),
    FIREHOSE_S3_ENDPOINT("--firehose-s3-endpoint", "WHARF_FIREHOSE_S3_ENDPOINT"),
    FIREHOSE_S3_REGION("--firehose-s3-region", "WHARF_FIREHOSE_S3_REGION"),
    FIREHOSE_S3_ACCESS_KEY_ID("--firehose-s3-access-key-id", "WHARF_FIREHOSE_S3_ACCESS_KEY_ID"),
    FIREHOSE_S3_SECRET_ACCESS_KEY("--firehose-s3-secret-access-key", "WHARF_FIREHOSE_S3_SECRET_ACCESS_KEY"),
    FIREHOSE_S3_CREDENTIALS_FILE("--firehose-s3-credentials-file", "WHARF_FIREHOSE_S3_CREDENTIALS_FILE"),
    LOG_REQUESTS("--log-requests", "WHARF_LOG_REQUESTS"),
    LOG_LEVEL("--log-level", "WHARF_LOG_LEVEL"),
    LOG_FORMAT("--log-format", "WHARF_LOG_FORMAT"),
    SQS_MAX_INFLIGHT_MESSAGES("--sqs-max-inflight-messages", "WHARF_SQS_MAX_INFLIGHT_MESSAGES"),
    CLOUDWATCH_PUBLISH_INTERVAL("--cloudwatch-publish-interval", "WHARF_CLOUDWATCH_PUBLISH_INTERVAL"),
    CONFIG("--config", "WHARF_CONFIG");

    private final String option;
    private final String environmentVariable;

    Setting(String option, String environmentVariable) {
        this.option = option;
        this.environmentVariable = environmentVariable;
    }

    public String option() {
        return option;
    }

    public String environmentVariable() {
        return environmentVariable;
    }
}
