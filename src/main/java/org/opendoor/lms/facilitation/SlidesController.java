package org.opendoor.lms.facilitation;

import java.util.List;
import java.util.Locale;

import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.SignedInUser;
import org.opendoor.lms.course.CatalogueEntry;
import org.opendoor.lms.course.Course;
import org.opendoor.lms.course.CourseCatalogue;
import org.opendoor.lms.course.FacilitatorGuide;
import org.opendoor.lms.course.FacilitatorGuides;
import org.opendoor.lms.course.SupportContact;
import org.opendoor.lms.course.SupportContacts;
import org.opendoor.lms.directory.LocalService;
import org.opendoor.lms.directory.LocalServices;
import org.opendoor.lms.organisation.Organisation;
import org.opendoor.lms.organisation.OrganisationAccess;
import org.opendoor.lms.organisation.Organisations;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * Facilitator mode: a course as slides for a group session, one slide a page at
 * {@code /facilitate/{course}/{n}} (bookmarkable; Previous, Next and the module jump are plain links, a small
 * script adds the keyboard), in three views: the slides with their controls; the audience window
 * ({@code ?view=audience}), the slide alone on a 16:9 stage for the projector; and the presenter window
 * ({@code ?view=presenter}, or {@code ?notes=1} as before) with the current slide, the real next slide, the
 * notes and a timer, which the script keeps in step with the audience window. The overview
 * ({@code /facilitate/{course}/overview}) lists the modules with their slides. For organisation admins (of any organisation) and site admins. Learners do not get it: the slides
 * reveal the knowledge-check answers and scenario feedback, and the notes are written for whoever leads
 * the group; learners take the same course in the player.
 */
@Controller
class SlidesController {

	private final CourseCatalogue catalogue;

	private final FacilitatorGuides guides;

	private final SupportContacts contacts;

	private final LocalServices localServices;

	private final Accounts accounts;

	private final Organisations organisations;

	private final OrganisationAccess access;

	private final MessageSource messages;

	SlidesController(CourseCatalogue catalogue, FacilitatorGuides guides, SupportContacts contacts,
			LocalServices localServices, Accounts accounts, Organisations organisations, OrganisationAccess access,
			MessageSource messages) {
		this.catalogue = catalogue;
		this.guides = guides;
		this.contacts = contacts;
		this.localServices = localServices;
		this.accounts = accounts;
		this.organisations = organisations;
		this.access = access;
		this.messages = messages;
	}

	@GetMapping("/facilitate")
	String index(Authentication auth, Model model) {
		long me = requireFacilitator(auth);
		model.addAttribute("courses", catalogue.available().stream().map(CatalogueEntry::course).toList());
		model.addAttribute("organisations", organisations.administeredBy(me));
		return "facilitation/index";
	}

	@GetMapping("/facilitate/{courseId}")
	String first(Authentication auth, @PathVariable String courseId, @RequestParam(required = false) String notes,
			@RequestParam(required = false) String view, @RequestParam(required = false) Long org, Model model) {
		return slide(auth, courseId, 1, notes, view, org, model);
	}

	@GetMapping("/facilitate/{courseId}/overview")
	String overview(Authentication auth, @PathVariable String courseId, @RequestParam(required = false) Long org,
			Model model) {
		Deck deck = deck(auth, courseId, org);
		String orgParam = deck.organisation() == null ? "" : "org=" + deck.organisation().id();
		deck.describe(model);
		model.addAttribute("query", query(orgParam));
		model.addAttribute("presenterQuery", query("view=presenter", orgParam));
		model.addAttribute("audienceQuery", query("view=audience", orgParam));
		return "facilitation/overview";
	}

	@GetMapping("/facilitate/{courseId}/{n}")
	String slide(Authentication auth, @PathVariable String courseId, @PathVariable int n,
			@RequestParam(required = false) String notes, @RequestParam(required = false) String view,
			@RequestParam(required = false) Long org, Model model) {
		Deck deck = deck(auth, courseId, org);
		List<Slide> slides = deck.slides();
		if (n < 1 || n > slides.size()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "facilitate.error.noSlide");
		}
		boolean presenter = "presenter".equals(view) || view == null && ("1".equals(notes) || "true".equals(notes));
		boolean audience = "audience".equals(view);
		if (view != null && !presenter && !audience) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "facilitate.error.noView");
		}
		deck.describe(model);
		model.addAttribute("slide", slides.get(n - 1));
		model.addAttribute("n", n);
		model.addAttribute("section", Section.containing(deck.sections(), n));
		model.addAttribute("nextSlide", n < slides.size() ? slides.get(n) : null);
		model.addAttribute("presenter", presenter);
		model.addAttribute("audience", audience);
		String orgParam = deck.organisation() == null ? "" : "org=" + deck.organisation().id();
		String viewParam = presenter ? "view=presenter" : audience ? "view=audience" : "";
		model.addAttribute("query", query(viewParam, orgParam));
		model.addAttribute("toggleQuery", query(presenter ? "" : "view=presenter", orgParam));
		model.addAttribute("audienceQuery", query("view=audience", orgParam));
		model.addAttribute("overviewQuery", query(orgParam));
		return audience ? "facilitation/audience" : "facilitation/slide";
	}

	/** A course's slides as the signed-in facilitator sees them, with the sections they fall into. */
	private record Deck(Course course, FacilitatorGuide guide, Organisation organisation, List<Slide> slides,
			List<Section> sections) {

		void describe(Model model) {
			model.addAttribute("course", course);
			model.addAttribute("org", organisation);
			model.addAttribute("total", slides.size());
			model.addAttribute("sections", sections);
			model.addAttribute("base", "/facilitate/" + course.id() + "/");
		}

	}

	private Deck deck(Authentication auth, String courseId, Long org) {
		long me = requireFacilitator(auth);
		Locale locale = LocaleContextHolder.getLocale();
		Course course = course(courseId, locale);
		Organisation organisation = org == null ? null : access.requireAdmin(auth, org);
		List<LocalService> local = organisation == null ? List.of() : localServices.list(me, organisation.id());
		String nation = accounts.get(me).nation().name().toLowerCase(Locale.ROOT).replace('_', '-');
		List<SupportContact> national = contacts.forNation(nation, locale.getLanguage());
		FacilitatorGuide guide = guides.of(course, locale.getLanguage());
		List<Slide> slides = SlideDeck.build(course, guide, national, local, messages, locale);
		return new Deck(course, guide, organisation, slides, Section.of(slides, course, guide));
	}

	private static String query(String... params) {
		String joined = String.join("&", java.util.Arrays.stream(params).filter(p -> !p.isEmpty()).toList());
		return joined.isEmpty() ? "" : "?" + joined;
	}

	/**
	 * The course to show, in the reader's language.
	 */
	private Course course(String courseId, Locale locale) {
		return catalogue.latest(courseId, locale.getLanguage())
			.map(CatalogueEntry::course)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "facilitate.error.noCourse"));
	}

	/** The signed-in person's id if they may facilitate: an admin of some organisation, or a site admin. */
	private long requireFacilitator(Authentication auth) {
		if (auth == null || !(auth.getPrincipal() instanceof SignedInUser user)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		if (OrganisationAccess.isSiteAdmin(auth) || !organisations.administeredBy(user.accountId()).isEmpty()) {
			return user.accountId();
		}
		throw new ResponseStatusException(HttpStatus.NOT_FOUND, "facilitate.error.notFacilitator");
	}

}
