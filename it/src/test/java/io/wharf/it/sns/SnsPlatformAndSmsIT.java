package io.wharf.it.sns;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.model.EndpointDisabledException;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sns.model.SMSSandboxPhoneNumber;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Mobile push, SMS and sandbox operations: state kept, answered as for an account with nothing configured. */
class SnsPlatformAndSmsIT extends SnsTestBase {

    @Test
    void platformApplicationsAndEndpointsAreStored() {
        String name = unique("app");
        String app = sns.createPlatformApplication(r -> r.name(name).platform("GCM")
                .attributes(Map.of("PlatformCredential", "secret"))).platformApplicationArn();
        assertThat(app).isEqualTo("arn:aws:sns:us-east-1:000000000000:app/GCM/" + name);
        assertThat(sns.getPlatformApplicationAttributes(r -> r.platformApplicationArn(app)).attributes())
                .containsEntry("Enabled", "true").doesNotContainKey("PlatformCredential");
        sns.setPlatformApplicationAttributes(r -> r.platformApplicationArn(app)
                .attributes(Map.of("EventEndpointCreated", "arn:aws:sns:us-east-1:000000000000:t")));
        assertThat(sns.listPlatformApplications().platformApplications())
                .anySatisfy(a -> assertThat(a.platformApplicationArn()).isEqualTo(app));

        String endpoint = sns.createPlatformEndpoint(r -> r.platformApplicationArn(app).token("device-1")
                .customUserData("hi")).endpointArn();
        assertThat(sns.createPlatformEndpoint(r -> r.platformApplicationArn(app).token("device-1")).endpointArn())
                .isEqualTo(endpoint);
        assertThat(sns.getEndpointAttributes(r -> r.endpointArn(endpoint)).attributes())
                .containsEntry("Token", "device-1").containsEntry("Enabled", "true").containsEntry("CustomUserData", "hi");
        assertThat(sns.listEndpointsByPlatformApplication(r -> r.platformApplicationArn(app)).endpoints()).hasSize(1);
        assertThat(sns.publish(r -> r.targetArn(endpoint).message("push")).messageId()).isNotEmpty();
        sns.setEndpointAttributes(r -> r.endpointArn(endpoint).attributes(Map.of("Enabled", "false")));
        assertThatThrownBy(() -> sns.publish(r -> r.targetArn(endpoint).message("push")))
                .isInstanceOf(EndpointDisabledException.class);
        sns.deleteEndpoint(r -> r.endpointArn(endpoint));
        assertThatThrownBy(() -> sns.getEndpointAttributes(r -> r.endpointArn(endpoint)))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("Endpoint does not exist");
        assertThatThrownBy(() -> sns.publish(r -> r.targetArn(endpoint).message("push")))
                .hasMessageContaining("No endpoint found for the target arn specified");
        sns.deletePlatformApplication(r -> r.platformApplicationArn(app));
        assertThatThrownBy(() -> sns.getPlatformApplicationAttributes(r -> r.platformApplicationArn(app)))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("PlatformApplication does not exist");
        assertThatThrownBy(() -> sns.createPlatformApplication(r -> r.name("x").platform("NOKIA")
                .attributes(Map.of("PlatformCredential", "c")))).isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> sns.createPlatformApplication(r -> r.name("x").platform("GCM")))
                .hasMessageContaining("Value null at 'attributes' failed to satisfy constraint: Member must not be null");
    }

    @Test
    void smsSettingsAndPhoneNumbers() {
        sns.setSMSAttributes(r -> r.attributes(Map.of("DefaultSMSType", "Transactional")));
        assertThat(sns.getSMSAttributes(r -> r.attributes("DefaultSMSType")).attributes())
                .containsEntry("DefaultSMSType", "Transactional");
        assertThat(sns.checkIfPhoneNumberIsOptedOut(r -> r.phoneNumber("+15555550100")).isOptedOut()).isFalse();
        assertThat(sns.listPhoneNumbersOptedOut().phoneNumbers()).isEmpty();
        sns.optInPhoneNumber(r -> r.phoneNumber("+15555550100"));
        assertThat(sns.listOriginationNumbers(r -> { }).phoneNumbers()).isEmpty();
        assertThat(sns.publish(r -> r.phoneNumber("+15555550100").message("text")).messageId()).isNotEmpty();
        assertThatThrownBy(() -> sns.publish(r -> r.phoneNumber("555").message("text")))
                .hasMessageContaining("Invalid parameter: PhoneNumber Reason: 555 is not valid to publish to");
    }

    @Test
    void smsSandbox() {
        assertThat(sns.getSMSSandboxAccountStatus(r -> { }).isInSandbox()).isTrue();
        sns.createSMSSandboxPhoneNumber(r -> r.phoneNumber("+15555550123"));
        assertThat(sns.listSMSSandboxPhoneNumbers(r -> { }).phoneNumbers())
                .contains(SMSSandboxPhoneNumber.builder().phoneNumber("+15555550123").status("Pending").build());
        sns.verifySMSSandboxPhoneNumber(r -> r.phoneNumber("+15555550123").oneTimePassword("123456"));
        assertThat(sns.listSMSSandboxPhoneNumbers(r -> { }).phoneNumbers())
                .contains(SMSSandboxPhoneNumber.builder().phoneNumber("+15555550123").status("Verified").build());
        sns.deleteSMSSandboxPhoneNumber(r -> r.phoneNumber("+15555550123"));
        assertThatThrownBy(() -> sns.deleteSMSSandboxPhoneNumber(r -> r.phoneNumber("+15555550123")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void unsubscribeUrlWorksWithoutCredentials() {
        String topic = topic("unsub");
        String subscription = subscribe(topic, queue("unsub"), Map.of());
        var response = WHARF.raw().get("/?Action=Unsubscribe&SubscriptionArn="
                + java.net.URLEncoder.encode(subscription, java.nio.charset.StandardCharsets.UTF_8), Map.of());
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyText()).contains("<UnsubscribeResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">");
        assertThat(sns.listSubscriptionsByTopic(r -> r.topicArn(topic)).subscriptions()).isEmpty();
    }

    @Test
    void errorsRenderAsSnsXml() {
        var response = WHARF.raw().get("/?Action=GetTopicAttributes&Version=2010-03-31&TopicArn="
                + "arn:aws:sns:us-east-1:000000000000:nothing-here", Map.of());
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.bodyText()).contains("<Type>Sender</Type>").contains("<Code>NotFound</Code>")
                .contains("<Message>Topic does not exist</Message>");
    }
}
