package org.opendoor.lms.system;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.UUID;

import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.Nation;
import org.opendoor.lms.account.Registration;
import org.opendoor.lms.account.Role;
import org.opendoor.lms.directory.LocalServiceForm;
import org.opendoor.lms.directory.LocalServices;
import org.opendoor.lms.directory.Tier;
import org.opendoor.lms.course.Question;
import org.opendoor.lms.learning.Attempts;
import org.opendoor.lms.organisation.Assignments;
import org.opendoor.lms.organisation.Organisations;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Seeds the demo organisation (with a few fictional local services), a demo learner, a demo organisation
 * admin and a demo site admin, and
 * prints how to sign in. Only in the {@code demo} profile; production refuses to start with these
 * accounts present.
 */
@Component
@Profile("demo")
class DemoData implements ApplicationRunner, org.springframework.context.SmartLifecycle {

	private volatile boolean seeded;

	/** The email domain of every demo account. */
	static final String DOMAIN = "@demo.opendoor.invalid";

	private final Accounts accounts;

	private final Organisations organisations;

	private final DemoPasswords passwords;

	private final LocalServices directory;

	private final Assignments assignments;

	private final Attempts attempts;

	private final boolean volunteers;

	private final org.opendoor.lms.startup.PublicAddress address;

	DemoData(Accounts accounts, Organisations organisations, DemoPasswords passwords, LocalServices directory,
			Assignments assignments, Attempts attempts, org.opendoor.lms.startup.PublicAddress address,
			@org.springframework.beans.factory.annotation.Value("${lms.demo.volunteers:true}") boolean volunteers) {
		this.accounts = accounts;
		this.organisations = organisations;
		this.passwords = passwords;
		this.directory = directory;
		this.assignments = assignments;
		this.attempts = attempts;
		this.volunteers = volunteers;
		this.address = address;
	}

	/**
	 * Passwords of the demo accounts, set in {@code application-demo.properties} only.
	 *
	 * @param learner the demo learner's password
	 * @param orgAdmin the demo organisation admin's password
	 * @param admin the demo site admin's password
	 */
	@ConfigurationProperties("lms.demo")
	record DemoPasswords(String learner, String orgAdmin, String admin) {
	}

	/**
	 * The demo accounts are made before the web server takes its first request (a lower phase than the
	 * server's), so whoever sees the sign-in page can already sign in with them.
	 */
	@Override
	public void start() {
		if (seeded) {
			return;
		}
		seed();
		seeded = true;
	}

	@Override
	public void stop() {
	}

	@Override
	public boolean isRunning() {
		return seeded;
	}

	@Override
	public int getPhase() {
		return 0;
	}

	/** Once the app is up: the address and the demo accounts, on the console. */
	@Override
	public void run(ApplicationArguments args) {
		System.out.println("""

				Open Door demo is ready at %5$s (demo profile: not for real data)
				  learner       learner%1$s / %2$s
				  org admin     orgadmin%1$s / %3$s
				  site admin    admin%1$s / %4$s
				""".formatted(DOMAIN, passwords.learner(), passwords.orgAdmin(), passwords.admin(), address.url()));
	}

	private void seed() {
		long org = organisations.createIfAbsent("Demo Community Hub", "demo-community-hub");
		seed(org, "learner" + DOMAIN, "Demo Learner", passwords.learner(), EnumSet.of(Role.LEARNER), Role.LEARNER);
		long orgAdmin = seed(org, "orgadmin" + DOMAIN, "Demo Hub Coordinator", passwords.orgAdmin(),
				EnumSet.of(Role.LEARNER, Role.ORG_ADMIN), Role.ORG_ADMIN);
		seedDirectory(org, orgAdmin);
		seed(org, "admin" + DOMAIN, "Demo Site Admin", passwords.admin(), EnumSet.of(Role.LEARNER, Role.ADMIN),
				Role.LEARNER);
		volunteers(org);
	}

	/**
	 * Two groups, two assignments and four demo volunteers with real progress, made once: one completed
	 * (with a certificate), one part-way through, one not started and overdue, one part-way and overdue.
	 * They cannot sign in (random passwords); they are there so the dashboard has something to show.
	 */
	private void volunteers(long org) {
		if (!volunteers || accounts.findByEmail("volunteer1" + DOMAIN).isPresent()) {
			return;
		}
		long riverside = organisations.groupNamed(org, "Riverside food bank")
			.map(g -> g.id())
			.orElseGet(() -> organisations.createGroup(org, "Riverside food bank"));
		long youth = organisations.groupNamed(org, "Youth club")
			.map(g -> g.id())
			.orElseGet(() -> organisations.createGroup(org, "Youth club"));
		long admin = accounts.findByEmail("orgadmin" + DOMAIN).orElseThrow().id();
		LocalDate today = LocalDate.now();
		assignments.assign(org, "first-steps", null, today.plusDays(30), admin);
		assignments.assign(org, "hub-leaders-mental-health-awareness", youth, today.minusDays(7), admin);
		long aled = volunteer(org, 1, "Aled Demo", riverside);
		long bethan = volunteer(org, 2, "Bethan Demo", riverside);
		volunteer(org, 3, "Carys Demo", youth);
		long dafydd = volunteer(org, 4, "Dafydd Demo", youth);
		pass(aled, "first-steps");
		walk(bethan, "first-steps", 4);
		walk(dafydd, "hub-leaders-mental-health-awareness", 6);
	}

	private long volunteer(long org, int n, String name, long group) {
		long id = accounts.create(new Registration(name, "volunteer" + n + DOMAIN, UUID.randomUUID().toString(),
				Nation.WALES, "en"), EnumSet.of(Role.LEARNER)).id();
		organisations.addMember(org, id, Role.LEARNER, group);
		return id;
	}

	/** Opens the first pages of a course, one after another. */
	private void walk(long learner, String courseId, int pages) {
		UUID attempt = attempts.start(learner, courseId);
		String key = attempts.currentStep(learner, attempt);
		for (int i = 0; i < pages && key != null; i++) {
			key = attempts.view(learner, attempt, key).nextKey();
		}
		if (key != null) {
			attempts.view(learner, attempt, key);
		}
	}

	/** Takes a course's assessment with every answer right. */
	private void pass(long learner, String courseId) {
		UUID attempt = attempts.start(learner, courseId);
		int drawn = attempts.view(learner, attempt, "assessment").drawSize();
		for (int n = 1; n <= drawn; n++) {
			Question q = attempts.view(learner, attempt, "assessment-" + n).step().question();
			attempts.answer(learner, attempt, "assessment-" + n, q.correctKeys());
		}
		attempts.submit(learner, attempt);
	}

	private long seed(long org, String email, String name, String password, EnumSet<Role> roles, Role orgRole) {
		long id = accounts.findByEmail(email)
			.orElseGet(() -> accounts.create(new Registration(name, email, password, Nation.WALES, "en"), roles))
			.id();
		organisations.addMember(org, id, orgRole);
		return id;
	}

	/** Fictional local services (01632 960 numbers are reserved for fiction) in an empty demo directory. */
	private void seedDirectory(long org, long orgAdmin) {
		if (!directory.list(orgAdmin, org).isEmpty()) {
			return;
		}
		LocalDate today = LocalDate.now();
		directory.create(orgAdmin, org, new LocalServiceForm("Riverside Listening Café (demo)",
				"A weekly drop-in for a cuppa and a chat with trained volunteers", "Thursdays, 1pm to 3pm",
				"Riverside Chapel hall, or call 01632 960001", "Anyone aged 16 or over", Tier.CHAT, today));
		directory.create(orgAdmin, org, new LocalServiceForm("Town Money and Debt Advice (demo)",
				"Free, confidential advice on debt, benefits and bills", "Weekdays, 9am to 5pm", "Call 01632 960002",
				"Anyone living in the town", Tier.SIGNPOST, today));
		directory.create(orgAdmin, org, new LocalServiceForm("Evening Crisis Café (demo)",
				"A calm place to go in a mental health crisis, run with the local NHS", "Every evening, 6pm to midnight",
				"Walk in at 2 Station Road, or call 01632 960003", "Adults in crisis", Tier.URGENT, today));
	}

}
