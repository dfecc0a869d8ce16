package io.wharf.sns.engine;

import io.wharf.sns.SmtpSettings;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.io.UnsupportedEncodingException;
import java.util.Date;
import java.util.Properties;

/** Sends email and email-json deliveries through the configured SMTP server (Jakarta Mail). */
final class Mailer {
    private final Session session;
    private final InternetAddress from;

    Mailer(SmtpSettings settings) {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", settings.host());
        properties.put("mail.smtp.port", Integer.toString(settings.port()));
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "30000");
        properties.put("mail.smtp.writetimeout", "30000");
        properties.put("mail.smtp.from", settings.from());
        this.session = Session.getInstance(properties);
        try {
            this.from = new InternetAddress(settings.from(), "AWS Notifications", "UTF-8");
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    void send(Delivery d) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(from);
        message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(d.endpoint(), false));
        message.setSubject(d.subject(), "UTF-8");
        message.setSentDate(new Date());
        message.setHeader("x-amz-sns-message-id", d.messageId());
        message.setHeader("x-amz-sns-topic-arn", d.topicArn());
        message.setText(d.body(), "UTF-8");
        Transport.send(message);
    }
}
