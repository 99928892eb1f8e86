package org.opendoor.lms.system;

import java.util.UUID;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.opendoor.lms.account.Account;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.Nation;
import org.opendoor.lms.support.Learners;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Someone who knows a volunteer's email address cannot lock them out: failures count per account and address
 * together, the per-account ceiling is far higher, and a browser that has signed in before (device cookie)
 * still gets in whatever anyone else does. Registering says nothing about who has an account, and failed
 * registrations count. (Its own application context, with a low per-account ceiling.)
 */
@SpringBootTest(properties = "lms.security.sign-in-failures-per-account-an-hour=" + SignInThrottleTests.CEILING)
@AutoConfigureMockMvc
@ActiveProfiles({ "demo", "test" })
class SignInThrottleTests {

	/** A low ceiling, so the test is quick (the default is 100 an hour). */
	static final int CEILING = 12;

	@Autowired
	SignInThrottle throttle;

	@Autowired
	MockMvc mvc;

	@Autowired
	Accounts accounts;

	private static RequestPostProcessor from(String address) {
		return r -> {
			r.setRemoteAddr(address);
			return r;
		};
	}

	private static String randomAddress(int first) {
		return first + "." + (int) (Math.random() * 250) + "." + (int) (Math.random() * 250) + "." + (int) (Math.random() * 250);
	}

	private MockHttpServletResponse signIn(String email, String password, String address, Cookie... cookies)
			throws Exception {
		MockHttpServletRequestBuilder request = post("/login").with(csrf()).with(from(address))
			.param("username", email)
			.param("password", password);
		if (cookies.length > 0) {
			request.cookie(cookies);
		}
		return mvc.perform(request).andReturn().getResponse();
	}

	@Test
	void wrongPasswordsFromAnotherAddressDoNotLockTheOwnerOut() throws Exception {
		Account victim = Learners.register(accounts, "Victim", Nation.WALES, "en");
		String attacker = randomAddress(203);
		for (int i = 0; i < 5; i++) {
			assertThat(signIn(victim.email(), "wrong guess number " + i, attacker).getRedirectedUrl()).isEqualTo("/login?error");
		}
		MockHttpServletResponse slowed = signIn(victim.email(), "yet another wrong guess", attacker);
		assertThat(slowed.getStatus()).as("the guesser is slowed down").isEqualTo(429);
		assertThat(Long.parseLong(slowed.getHeader("Retry-After"))).isBetween(1L, 180L);
		// the owner, from their own address and a browser that has never signed in, gets in at once
		MockHttpServletResponse owner = signIn(victim.email(), Learners.PASSWORD, randomAddress(81));
		assertThat(owner.getStatus()).isEqualTo(302);
		assertThat(owner.getRedirectedUrl()).isEqualTo("/courses");
	}

	@Test
	void aBrowserThatSignedInBeforeGetsInEvenWhenTheAccountIsUnderAttackFromEverywhere() throws Exception {
		Account victim = Learners.register(accounts, "Targeted", Nation.SCOTLAND, "en");
		String home = randomAddress(82);
		MockHttpServletResponse first = signIn(victim.email(), Learners.PASSWORD, home);
		Cookie device = first.getCookie(SignInThrottle.DEVICE_COOKIE);
		assertThat(device).as("a device cookie after signing in").isNotNull();
		assertThat(device.isHttpOnly()).isTrue();
		assertThat(device.getPath()).isEqualTo("/login");

		// guesses from many addresses, each under its own limits, until the account's ceiling is reached
		long ceiling = throttle.accountLimit().bands().get(0).count();
		assertThat(ceiling).isEqualTo(CEILING);
		for (int i = 0; i < ceiling; i++) {
			signIn(victim.email(), "distributed guess " + i, randomAddress(100 + i % 100));
		}
		assertThat(signIn(victim.email(), Learners.PASSWORD, randomAddress(83)).getStatus())
			.as("a new browser waits while the account is under attack").isEqualTo(429);
		MockHttpServletResponse owner = signIn(victim.email(), Learners.PASSWORD, home, device);
		assertThat(owner.getRedirectedUrl()).as("the owner's own browser gets in").isEqualTo("/courses");

		// a device cookie is good only for the account it was made for, and cannot be forged
		Account other = Learners.register(accounts, "Other", Nation.WALES, "en");
		for (int i = 0; i < ceiling; i++) {
			signIn(other.email(), "distributed guess " + i, randomAddress(100 + i % 100));
		}
		assertThat(signIn(other.email(), Learners.PASSWORD, home, device).getStatus()).isEqualTo(429);
		String forged = device.getValue().substring(0, device.getValue().indexOf('.')) + ".AAAA";
		assertThat(signIn(victim.email(), Learners.PASSWORD, randomAddress(84),
				new Cookie(SignInThrottle.DEVICE_COOKIE, forged)).getStatus()).isEqualTo(429);
	}

	@Test
	void registeringATakenAddressAnswersExactlyAsANewOneAndFailedAttemptsCount() throws Exception {
		Account existing = Learners.register(accounts, "Existing", Nation.WALES, "en");
		String address = randomAddress(10);
		MockHttpServletResponse taken = register(existing.email(), Learners.PASSWORD, address);
		MockHttpServletResponse fresh = register(UUID.randomUUID() + "@example.org", Learners.PASSWORD, address);
		assertThat(taken.getStatus()).isEqualTo(fresh.getStatus()).isEqualTo(302);
		assertThat(taken.getRedirectedUrl()).isEqualTo(fresh.getRedirectedUrl()).startsWith("/login?registered");
		assertThat(taken.getContentAsString()).isEqualTo(fresh.getContentAsString());
		assertThat(taken.getHeaderNames()).isEqualTo(fresh.getHeaderNames());
		assertThat(accounts.findByEmail(existing.email()).orElseThrow().displayName()).as("left as it was")
			.isEqualTo("Existing");

		// refused registrations (a short password here) count too: probing cannot go on for ever
		String prober = randomAddress(11);
		int refused = 0;
		int status = 400;
		while (status == 400 && refused < 100) {
			status = register(UUID.randomUUID() + "@example.org", "short", prober).getStatus();
			refused++;
		}
		assertThat(status).isEqualTo(429);
		assertThat(refused).isEqualTo(61);
	}

	private MockHttpServletResponse register(String email, String password, String address) throws Exception {
		return mvc.perform(post("/register").with(csrf()).with(from(address))
			.param("displayName", "Someone")
			.param("email", email)
			.param("password", password)
			.param("nation", "WALES")
			.param("language", "en")).andReturn().getResponse();
	}

}
