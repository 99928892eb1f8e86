package org.opendoor.lms.learning;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import org.opendoor.lms.account.SignedInUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The catalogue and the course player: one page at a time, plain forms, no script needed. */
@Controller
class PlayerController {

	private final Attempts attempts;

	private final org.opendoor.lms.organisation.Assignments assignments;

	private final java.time.Clock clock;

	PlayerController(Attempts attempts, org.opendoor.lms.organisation.Assignments assignments,
			java.util.Optional<java.time.Clock> clock) {
		this.attempts = attempts;
		this.assignments = assignments;
		this.clock = clock.orElse(java.time.Clock.systemUTC());
	}

	@GetMapping("/courses")
	String catalogue(@AuthenticationPrincipal SignedInUser user, Model model) {
		model.addAttribute("items", attempts.catalogue(user.accountId()));
		java.util.Map<String, org.opendoor.lms.organisation.Assignments.Due> due = new java.util.HashMap<>();
		assignments.dueFor(user.accountId()).forEach(d -> due.putIfAbsent(d.courseId(), d));
		model.addAttribute("due", due);
		model.addAttribute("today", java.time.LocalDate.now(clock));
		return "learning/catalogue";
	}

	@PostMapping("/courses/{courseId}/attempts")
	String start(@AuthenticationPrincipal SignedInUser user, @PathVariable String courseId) {
		UUID id = attempts.start(user.accountId(), courseId);
		return "redirect:/attempts/" + id;
	}

	@GetMapping("/attempts/{attemptId}")
	String resume(@AuthenticationPrincipal SignedInUser user, @PathVariable UUID attemptId) {
		return "redirect:/attempts/" + attemptId + "/steps/" + attempts.currentStep(user.accountId(), attemptId);
	}

	@GetMapping("/attempts/{attemptId}/steps/{stepKey}")
	String step(@AuthenticationPrincipal SignedInUser user, @PathVariable UUID attemptId, @PathVariable String stepKey,
			Model model) {
		StepView view = retrying(() -> attempts.view(user.accountId(), attemptId, stepKey));
		model.addAttribute("view", view);
		if (view.nextKey() != null) {
			// the next page as a plain link in the head, for tools that follow rel=next (the pager's Next may be a button)
			model.addAttribute("pageNext", "/attempts/" + attemptId + "/steps/" + view.nextKey());
		}
		return "learning/step";
	}

	@PostMapping("/attempts/{attemptId}/steps/{stepKey}")
	String answer(@AuthenticationPrincipal SignedInUser user, @PathVariable UUID attemptId,
			@PathVariable String stepKey, @RequestParam(name = "choice", required = false) List<String> choice,
			@RequestParam(name = "node", required = false) String node,
			@RequestParam(name = "option", required = false) Integer option,
			@RequestParam(name = "restart", defaultValue = "false") boolean restart,
			@RequestParam(name = "then", required = false) String then, @RequestParam Map<String, String> params,
			RedirectAttributes redirect, Model model, HttpServletResponse response) {
		String here = "redirect:/attempts/" + attemptId + "/steps/" + stepKey;
		// Previous and Next on a page with a form send it ("then"): what was chosen or typed is saved first.
		boolean moving = "next".equals(then) || "prev".equals(then);
		if (stepKey.startsWith("plan-")) {
			Map<String, String> answers = new HashMap<>();
			params.forEach((name, value) -> {
				if (name.startsWith("prompt-")) {
					answers.put(name.substring("prompt-".length()), value);
				}
			});
			try {
				retrying(() -> {
					attempts.savePlan(user.accountId(), attemptId, stepKey, answers);
					return null;
				});
			}
			catch (InvalidAnswerException | AttemptConflictException ex) {
				// give the plan back as typed, with the reason: nothing the learner wrote is lost
				response.setStatus(ex instanceof InvalidAnswerException ? HttpServletResponse.SC_BAD_REQUEST
						: HttpServletResponse.SC_CONFLICT);
				model.addAttribute("view", attempts.peek(user.accountId(), attemptId, stepKey).withPlanEntries(answers));
				model.addAttribute("error", ex.getMessage());
				return "learning/step";
			}
			if (moving) {
				return moveOn(user, attemptId, stepKey, then);
			}
			redirect.addFlashAttribute("saved", true);
			return here;
		}
		if (stepKey.startsWith("scenario-")) {
			if (!restart && option == null) {
				if (moving) {
					return moveOn(user, attemptId, stepKey, then);
				}
				redirect.addFlashAttribute("error", "player.error.choose");
				return here;
			}
			retrying(() -> {
				attempts.choose(user.accountId(), attemptId, stepKey, node, option, restart);
				return null;
			});
			return here + "#feedback";
		}
		Set<String> chosen = choice == null ? Set.of() : new TreeSet<>(choice);
		if (chosen.isEmpty()) {
			if (moving) {
				return moveOn(user, attemptId, stepKey, then);
			}
			redirect.addFlashAttribute("error", "player.error.choose");
			return here;
		}
		if (moving && attempts.peek(user.accountId(), attemptId, stepKey).chosen().equals(chosen)) {
			return moveOn(user, attemptId, stepKey, then); // already saved as shown
		}
		StepView view = retrying(() -> attempts.answer(user.accountId(), attemptId, stepKey, chosen));
		if (view.step().kind() == StepKind.ASSESSMENT_QUESTION) {
			String to = "prev".equals(then) ? view.previousKey() : view.nextKey();
			if (to != null) {
				return "redirect:/attempts/" + attemptId + "/steps/" + to;
			}
		}
		// a knowledge check answered with Next or Previous shows its feedback first: checking is the point of it
		return here + "#feedback";
	}

	/** Goes to the page before or after this one, after the form sent with Previous or Next is dealt with. */
	private String moveOn(SignedInUser user, UUID attemptId, String stepKey, String then) {
		StepView view = attempts.peek(user.accountId(), attemptId, stepKey);
		String to = "prev".equals(then) ? view.previousKey() : view.nextKey();
		return "redirect:/attempts/" + attemptId + "/steps/" + (to != null ? to : view.step().key());
	}

	@GetMapping("/attempts/{attemptId}/steps/{stepKey}/print")
	String printPlan(@AuthenticationPrincipal SignedInUser user, @PathVariable UUID attemptId,
			@PathVariable String stepKey, Model model) {
		StepView view = attempts.view(user.accountId(), attemptId, stepKey);
		if (view.step().kind() != StepKind.PLAN) {
			throw new StepNotFoundException();
		}
		model.addAttribute("view", view);
		return "learning/plan-print";
	}

	@PostMapping("/attempts/{attemptId}/submit")
	String submit(@AuthenticationPrincipal SignedInUser user, @PathVariable UUID attemptId) {
		attempts.submit(user.accountId(), attemptId);
		return "redirect:/attempts/" + attemptId + "/steps/" + StepPlan.RESULT;
	}

	@PostMapping("/attempts/{attemptId}/retake")
	String retake(@AuthenticationPrincipal SignedInUser user, @PathVariable UUID attemptId) {
		return "redirect:/attempts/" + attemptId + "/steps/" + attempts.retake(user.accountId(), attemptId);
	}

	/**
	 * Runs one transactional step again when the same attempt changed at the same moment in another
	 * request (a double click, two tabs, a slow network resending): each try is a whole transaction, so
	 * nothing is recorded twice, and the learner never sees a server error for it.
	 */
	static <T> T retrying(java.util.function.Supplier<T> work) {
		for (int tries = 1;; tries++) {
			try {
				return work.get();
			}
			catch (org.springframework.dao.OptimisticLockingFailureException
					| org.springframework.dao.PessimisticLockingFailureException
					| org.springframework.dao.DataIntegrityViolationException ex) {
				// two answers to one question at once: the second try finds the first answer and updates it;
				// a transaction the database chose to end to break a deadlock was rolled back whole, so it is tried again
				if (tries == 5) {
					throw new AttemptConflictException("error.changedElsewhere");
				}
				try {
					Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(5, 25L * tries));
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					throw new AttemptConflictException("error.changedElsewhere");
				}
			}
		}
	}

}
