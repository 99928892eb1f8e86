package org.opendoor.lms.learning;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** Storage checks on H2, the demo database. */
@SpringBootTest
@ActiveProfiles({ "demo", "test" })
class H2RepositoryTests extends RepositoryContractTests {

}
