package org.govtel.provisioning;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The configuration root the provisioning slice tests start from (the real one lives in app). */
@SpringBootApplication
class ProvisioningTestApplication {
}
