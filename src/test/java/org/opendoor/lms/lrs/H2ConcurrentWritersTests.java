package org.opendoor.lms.lrs;

import org.springframework.test.context.ActiveProfiles;

/** Concurrent writers of one statement id on H2, the embedded default. */
@ActiveProfiles({ "demo", "test" })
class H2ConcurrentWritersTests extends ConcurrentWritersContractTests {

}
