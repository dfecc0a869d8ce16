package io.wharf.sns;

/**
 * Where email and email-json subscriptions are sent: an SMTP server ({@code --smtp-host}, {@code --smtp-port}),
 * plain SMTP without authentication (a relay or a development mail catcher).
 *
 * @param host null = no mail server: confirmation links and notifications are only logged
 * @param from the envelope sender and From address
 */
public record SmtpSettings(String host, int port, String from) {
    public static final String DEFAULT_FROM = "no-reply@sns.amazonaws.com";
    public static final SmtpSettings NONE = new SmtpSettings(null, 25, DEFAULT_FROM);

    public boolean configured() {
        return host != null && !host.isBlank();
    }
}
