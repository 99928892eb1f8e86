package org.opendoor.lms.support;

import java.util.Set;
import java.util.UUID;

import org.opendoor.lms.account.Account;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.Nation;
import org.opendoor.lms.account.Registration;
import org.opendoor.lms.account.SignedInUser;
import org.opendoor.lms.course.Question;
import org.opendoor.lms.learning.Attempts;

/** Test learners: registering one, signing in as one, and taking the sample course's assessment. */
public final class Learners {

	/** The password every test learner registers with. */
	public static final String PASSWORD = "long enough password";

	private Learners() {
	}

	/** Registers a learner with a fresh email address. */
	public static Account register(Accounts accounts, String name, Nation nation, String language) {
		return accounts.register(new Registration(name, UUID.randomUUID() + "@example.org", PASSWORD, nation, language));
	}

	/** The signed-in principal for an account, for MockMvc's {@code user(…)}. */
	public static SignedInUser as(Account account) {
		return new SignedInUser(account.id(), account.email(), "", account.roles());
	}

	/** Starts the first-steps course, answers all ten assessment questions rightly (or wrongly) and submits. */
	public static UUID takeFirstStepsAssessment(Attempts attempts, Account learner, boolean pass) {
		UUID attempt = attempts.start(learner.id(), "first-steps");
		for (int n = 1; n <= 10; n++) {
			Question q = attempts.view(learner.id(), attempt, "assessment-" + n).step().question();
			Set<String> chosen = pass ? q.correctKeys()
					: Set.of(q.options().stream().filter(o -> !o.correct()).findFirst().orElseThrow().key());
			attempts.answer(learner.id(), attempt, "assessment-" + n, chosen);
		}
		attempts.submit(learner.id(), attempt);
		return attempt;
	}

}
