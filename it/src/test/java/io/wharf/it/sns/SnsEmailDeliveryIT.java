package io.wharf.it.sns;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.wharf.server.Wharf;
import io.wharf.server.config.WharfConfig;
import io.wharf.testkit.Clients;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * email and email-json subscriptions through a real SMTP server inside the test (GreenMail on an ephemeral
 * loopback port): the confirmation mail, confirming through its link, notifications as text and as signed JSON.
 */
class SnsEmailDeliveryIT {
    private static GreenMail smtp;
    private static Wharf wharf;
    private SnsClient sns;

    @BeforeAll
    static void start() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        wharf = Wharf.start(WharfConfig.builder().port(0).inMemory(true).smtpHost("127.0.0.1")
                .smtpPort(smtp.getSmtp().getPort()).build());
    }

    @AfterAll
    static void stop() {
        if (wharf != null) {
            wharf.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @BeforeEach
    void client() {
        sns = Clients.sns(java.net.URI.create(wharf.endpoint()));
    }

    /** Waits for the next mail to {@code to}. */
    private MimeMessage mailTo(String to, int nth) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            List<MimeMessage> mails = Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
                try {
                    return m.getAllRecipients()[0].toString().equals(to);
                } catch (jakarta.mail.MessagingException e) {
                    return false;
                }
            }).toList();
            if (mails.size() > nth) {
                return mails.get(nth);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no mail #" + nth + " to " + to);
    }

    /** The decoded text of a mail (SMTP carries it quoted-printable). */
    private static String text(MimeMessage mail) throws Exception {
        return (String) mail.getContent();
    }

    @Test
    void emailConfirmationThenPlainTextNotifications() throws Exception {
        String topicArn = sns.createTopic(r -> r.name("mail-text")).topicArn();
        String to = "alice@example.com";
        assertThat(sns.subscribe(r -> r.topicArn(topicArn).protocol("email").endpoint(to)).subscriptionArn())
                .isEqualTo("pending confirmation");

        MimeMessage confirmation = mailTo(to, 0);
        assertThat(confirmation.getSubject()).isEqualTo("AWS Notification - Subscription Confirmation");
        assertThat(confirmation.getFrom()[0].toString()).contains("no-reply@sns.amazonaws.com");
        String text = text(confirmation);
        assertThat(text).contains("You have chosen to subscribe to the topic: ").contains(topicArn);
        Matcher link = Pattern.compile("(http://\\S+Action=ConfirmSubscription\\S+)").matcher(text);
        assertThat(link.find()).as(text).isTrue();
        assertThat(SnsSignatures.get(link.group(1)).statusCode()).isEqualTo(200);
        assertThat(sns.listSubscriptionsByTopic(r -> r.topicArn(topicArn)).subscriptions().get(0).subscriptionArn())
                .startsWith(topicArn + ":");

        sns.publish(r -> r.topicArn(topicArn).message("The build is green.").subject("CI"));
        MimeMessage notification = mailTo(to, 1);
        assertThat(notification.getSubject()).isEqualTo("CI");
        String body = text(notification);
        assertThat(body).startsWith("The build is green.").contains("Action=Unsubscribe");

        sns.publish(r -> r.topicArn(topicArn).message("No subject given."));
        assertThat(mailTo(to, 2).getSubject()).isEqualTo("AWS Notification Message");
    }

    @Test
    void emailJsonGetsTheSignedDocuments() throws Exception {
        String topicArn = sns.createTopic(r -> r.name("mail-json")).topicArn();
        String to = "bob@example.com";
        sns.subscribe(r -> r.topicArn(topicArn).protocol("email-json").endpoint(to));

        JsonNode confirmation = SnsSignatures.parse(text(mailTo(to, 0)));
        assertThat(confirmation.path("Type").asText()).isEqualTo("SubscriptionConfirmation");
        assertThat(SnsSignatures.verify(confirmation)).isTrue();
        String subscriptionArn = sns.confirmSubscription(r -> r.topicArn(topicArn)
                .token(confirmation.path("Token").asText())).subscriptionArn();

        String messageId = sns.publish(r -> r.topicArn(topicArn).message("{\"deploy\":\"done\"}")).messageId();
        JsonNode notification = SnsSignatures.parse(text(mailTo(to, 1)));
        assertThat(notification.path("Type").asText()).isEqualTo("Notification");
        assertThat(notification.path("MessageId").asText()).isEqualTo(messageId);
        assertThat(notification.path("Message").asText()).isEqualTo("{\"deploy\":\"done\"}");
        assertThat(notification.path("UnsubscribeURL").asText()).contains(subscriptionArn.substring(
                subscriptionArn.lastIndexOf(':') + 1));
        assertThat(SnsSignatures.verify(notification)).isTrue();
    }
}
