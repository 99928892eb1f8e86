package org.opendoor.lms.account;

import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opendoor.lms.account.PasswordRules.Problem.COMMON;
import static org.opendoor.lms.account.PasswordRules.Problem.CONTEXT;
import static org.opendoor.lms.account.PasswordRules.Problem.LENGTH;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** The password rules of NIST SP 800-63B section 3.1.1.2, one rule at a time, on their own and on the form. */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles({ "demo", "test" })
class PasswordPolicyTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Accounts accounts;

	@Autowired
	PasswordEncoder encoder;

	private static Optional<PasswordRules.Problem> check(String password) {
		return PasswordRules.check(password, "sam.volunteer@example.org", "Sam Volunteer");
	}

	@Test
	void atLeastFifteenCharactersAndUpToOneHundredAndTwentyEight() {
		assertThat(check("tea and biscui")).as("14 characters").contains(LENGTH);
		assertThat(check("tea and biscuit")).as("15 characters").isEmpty();
		assertThat(check("")).contains(LENGTH);
		assertThat(check(null)).contains(LENGTH);
		String long128 = "the quick brown fox jumps over the lazy dog by the river bank at dawn ".repeat(2).substring(0, 128);
		assertThat(long128).hasSize(128);
		assertThat(check(long128)).isEmpty();
		assertThat(check(long128 + "x")).contains(LENGTH);
	}

	@Test
	void charactersAreCountedAsUnicodeCodePointsAndAnyPrintableCharacterIsAllowed() {
		// eight emoji are 16 UTF-16 units but 8 characters: too short; fifteen different ones are enough
		assertThat(check("🌞🌧🌈🍎🍐🍊🍋🍌")).contains(LENGTH);
		assertThat(check("🌞🌧🌈🍎🍐🍊🍋🍌🍉🍇🍓🫐🍈🍒🍑")).isEmpty();
		assertThat(check("Mae’r haul yn gwenu heddiw")).as("Welsh, curly apostrophe, spaces").isEmpty();
		assertThat(check("ρωμαϊκή σαλάτα με φέτα")).as("Greek").isEmpty();
		assertThat(check("  leading and trailing spaces  ")).isEmpty();
	}

	@Test
	void noCompositionRules() {
		assertThat(check("correct horse battery staple")).as("lower-case letters and spaces only").isEmpty();
		assertThat(check("plum orchard lantern violin")).isEmpty();
	}

	@Test
	void commonAndLeakedPasswordsAndObviousPatternsAreRefused() {
		for (String weak : new String[] { "passwordpassword", "123456789012345", "iloveyou1234567", "qwertyuiopasdfgh",
				"aaaaaaaaaaaaaaaa", "Password123456!", "football1234567", "abcdefghijklmnop" }) {
			assertThat(check(weak)).as(weak).contains(COMMON);
		}
		assertThat(PasswordRules.isCommon("password123")).isTrue();
	}

	@Test
	void theSiteNameAndThePersonsOwnNameOrEmailAreRefused() {
		assertThat(check("my open door password")).contains(CONTEXT);
		assertThat(check("OpenDoor-volunteering-2025")).contains(CONTEXT);
		assertThat(check("sam.volunteer rocks 2025")).as("the email's name part").contains(CONTEXT);
		assertThat(PasswordRules.check("Gethin walks the hills daily", "g.jones@example.org", "Gethin Jones"))
			.as("a word of the person's name").contains(CONTEXT);
		assertThat(PasswordRules.check("Jo walks the hills daily", "jo@example.org", "Jo Li"))
			.as("names under four letters are not held against the password").isEmpty();
	}

	@Test
	void passwordsAreStoredWithArgon2idOverTheNormalisedText() {
		String composed = "caf\u00e9 on the corner shop";
		String decomposed = "cafe\u0301 on the corner shop";
		String hash = encoder.encode(composed);
		assertThat(hash).startsWith("{argon2@SpringSecurity_v5_8}$argon2id$");
		assertThat(hash).doesNotContain("caf");
		assertThat(encoder.matches(decomposed, hash)).as("the same password typed another way").isTrue();
		assertThat(encoder.matches("cafe on the corner shop", hash)).isFalse();
		// more than bcrypt's 72 bytes: hashed whole, the last character counts
		String longWelsh = "ŵŷŵŷŵŷŵŷŵŷŵŷŵŷŵŷŵŷŵŷŵŷŵŷŵŷŵŷŵŷŵŷŵŷŵŷŵŷŵŷŵŷŵŷŵŷŵŷŵŷŵŷŵŷŵŷŵŷŵŷŵŷŵŷŵŷŵŷŵŷŵŷ a";
		String longHash = encoder.encode(longWelsh);
		assertThat(encoder.matches(longWelsh, longHash)).isTrue();
		assertThat(encoder.matches(longWelsh.substring(0, longWelsh.length() - 1) + "b", longHash)).isFalse();
		// an account made when bcrypt was the default still signs in
		String bcrypt = "{bcrypt}" + new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder().encode("an older password here");
		assertThat(encoder.matches("an older password here", bcrypt)).isTrue();
	}

	private String register(String name, String email, String password) throws Exception {
		return mvc.perform(post("/register").with(csrf())
			.param("displayName", name)
			.param("email", email)
			.param("password", password)
			.param("nation", "WALES")
			.param("language", "en")).andReturn().getResponse().getContentAsString();
	}

	@Test
	void theFormSaysWhyAPasswordIsRefusedAndStoresNothing() throws Exception {
		String email = "ffion.morgan-" + UUID.randomUUID().toString().substring(0, 6) + "@example.org";
		assertThat(register("Ffion Morgan", email, "short one")).contains("at least 15 characters");
		assertThat(register("Ffion Morgan", email, "123456789012345")).contains("list of common or leaked passwords");
		assertThat(register("Ffion Morgan", email, "ffion likes the open sea")).contains("must not contain your name");
		assertThat(register("Ffion Morgan", email, "x".repeat(129))).contains("no more than 128");
		assertThat(accounts.findByEmail(email)).isEmpty();
		register("Ffion Morgan", email, "a kettle of green tea by 8");
		assertThat(accounts.findByEmail(email)).as("a good password is accepted").isPresent();
	}

	@Test
	void theFormSaysWhyInWelshToo() throws Exception {
		String html = mvc.perform(post("/register").with(csrf())
			.header("Accept-Language", "cy")
			.param("displayName", "Ffion")
			.param("email", UUID.randomUUID() + "@example.org")
			.param("password", "byr")
			.param("nation", "WALES")
			.param("language", "cy")).andReturn().getResponse().getContentAsString();
		assertThat(html).contains("o leiaf 15 nod");
	}

}
