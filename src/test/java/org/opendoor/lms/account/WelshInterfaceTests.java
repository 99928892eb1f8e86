package org.opendoor.lms.account;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/** A learner who chose Welsh in their profile sees the interface in Welsh; a Welsh browser sees Welsh sign-in. */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles({ "demo", "test" })
class WelshInterfaceTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Accounts accounts;

	@Test
	void theProfileLanguageDecidesTheInterfaceLanguage() throws Exception {
		Account welsh = accounts.register(new Registration("Gethin", UUID.randomUUID() + "@example.org", "long enough password",
				Nation.WALES, "cy"));
		String html = mvc.perform(get("/courses").with(user(new SignedInUser(welsh.id(), welsh.email(), "", welsh.roles()))))
			.andReturn().getResponse().getContentAsString();
		assertThat(html).contains("lang=\"cy\"").contains("Dechrau’r cwrs").doesNotContain("Start course");
		Account english = accounts.register(new Registration("Gareth", UUID.randomUUID() + "@example.org", "long enough password",
				Nation.WALES, "en"));
		String englishHtml = mvc.perform(get("/courses").with(user(new SignedInUser(english.id(), english.email(), "", english.roles()))))
			.andReturn().getResponse().getContentAsString();
		assertThat(englishHtml).contains("lang=\"en\"").contains("Start course");
	}

	@Test
	void aWelshBrowserGetsTheWelshSignInPage() throws Exception {
		String html = mvc.perform(get("/login").header("Accept-Language", "cy-GB,cy;q=0.9,en;q=0.5"))
			.andReturn().getResponse().getContentAsString();
		assertThat(html).contains("Mewngofnodi");
	}

}
