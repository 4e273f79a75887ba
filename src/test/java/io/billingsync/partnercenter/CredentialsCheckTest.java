package io.billingsync.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Where Partner Center says isMfaCompliant is not documented: a header, else a field of the answer's body. */
class CredentialsCheckTest {
    private static ObjectNode body(String json) throws IOException {
        return (ObjectNode) new ObjectMapper().readTree(json);
    }

    @Test
    void theHeaderIsReadFirstThenTheBodyAndAnythingElseIsNotSaid() throws IOException {
        assertThat(CredentialsCheck.compliance("true", body("{\"isMfaCompliant\": false}"))).isTrue();
        assertThat(CredentialsCheck.compliance(null, body("{\"IsMfaCompliant\": false}"))).isFalse();
        assertThat(CredentialsCheck.compliance(null, body("{\"isMfaCompliant\": \"True\"}"))).isTrue();
        assertThat(CredentialsCheck.compliance(null, body("{\"iso2Code\": \"US\"}"))).isNull();
        assertThat(CredentialsCheck.compliance("maybe", body("{}"))).isNull();
    }
}
