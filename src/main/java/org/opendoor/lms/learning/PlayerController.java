package org.opendoor.lms.learning;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

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
		model.addAttribute("view", retrying(() -> attempts.view(user.accountId(), attemptId, stepKey)));
		return "learning/step";
	}

	@PostMapping("/attempts/{attemptId}/steps/{stepKey}")
	String answer(@AuthenticationPrincipal SignedInUser user, @PathVariable UUID attemptId,
			@PathVariable String stepKey, @RequestParam(name = "choice", required = false) List<String> choice,
			@RequestParam(name = "node", required = false) String node,
			@RequestParam(name = "option", required = false) Integer option,
			@RequestParam(name = "restart", defaultValue = "false") boolean restart,
			@RequestParam Map<String, String> params, RedirectAttributes redirect) {
		String here = "redirect:/attempts/" + attemptId + "/steps/" + stepKey;
		if (stepKey.startsWith("plan-")) {
			Map<String, String> answers = new HashMap<>();
			params.forEach((name, value) -> {
				if (name.startsWith("prompt-")) {
					answers.put(name.substring("prompt-".length()), value);
				}
			});
			retrying(() -> {
				attempts.savePlan(user.accountId(), attemptId, stepKey, answers);
				return null;
			});
			redirect.addFlashAttribute("saved", true);
			return here;
		}
		if (stepKey.startsWith("scenario-")) {
			if (!restart && option == null) {
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
			redirect.addFlashAttribute("error", "player.error.choose");
			return here;
		}
		StepView view = retrying(() -> attempts.answer(user.accountId(), attemptId, stepKey, chosen));
		if (view.step().kind() == StepKind.ASSESSMENT_QUESTION && view.nextKey() != null) {
			return "redirect:/attempts/" + attemptId + "/steps/" + view.nextKey();
		}
		return here + "#feedback";
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
					| org.springframework.dao.DataIntegrityViolationException ex) {
				// two answers to one question at once: the second try finds the first answer and updates it
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
