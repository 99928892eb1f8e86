package org.opendoor.lms.certificate;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.opendoor.lms.limits.Limit;
import org.opendoor.lms.limits.RateLimits;
import org.opendoor.lms.account.SignedInUser;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;

/** A learner's certificates, the public verify page, and the admin list with revoke and reissue. */
@Controller
class CertificateController {

	private final Certificates certificates;

	private final Clock clock;

	private final RateLimits limits;

	private final Limit verifyLimit;

	CertificateController(Certificates certificates, CertificateProperties properties, Optional<Clock> clock,
			RateLimits limits) {
		this.certificates = certificates;
		this.limits = limits;
		this.verifyLimit = Limit.of("verify", properties.verifyRequestsPerMinute(), java.time.Duration.ofMinutes(1));
		this.clock = clock.orElse(Clock.systemUTC());
	}

	@GetMapping("/certificates")
	String mine(@AuthenticationPrincipal SignedInUser user, Model model) {
		model.addAttribute("certificates", certificates.of(user.accountId()));
		model.addAttribute("today", LocalDate.now(clock));
		return "certificate/mine";
	}

	@GetMapping("/certificates/{code}/pdf")
	ResponseEntity<byte[]> download(@AuthenticationPrincipal SignedInUser user, @PathVariable String code) {
		Certificate certificate = certificates.owned(user.accountId(), code);
		byte[] pdf = certificates.pdf(certificate.id());
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("certificate-" + certificate.code() + ".pdf").build().toString())
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(pdf);
	}

	@GetMapping("/certificates/{code}/badge")
	ResponseEntity<String> badge(@AuthenticationPrincipal SignedInUser user, @PathVariable String code) {
		Certificate certificate = certificates.owned(user.accountId(), code);
		return ResponseEntity.ok()
			.contentType(MediaType.TEXT_PLAIN)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("open-badge-" + certificate.code() + ".jwt").build().toString())
			.body(certificates.badge(certificate.id()));
	}

	@GetMapping("/certificates/{code}/pdfa3")
	ResponseEntity<byte[]> pdfWithBadge(@AuthenticationPrincipal SignedInUser user, @PathVariable String code) {
		Certificate certificate = certificates.owned(user.accountId(), code);
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
				.filename("certificate-" + certificate.code() + "-with-badge.pdf")
				.build()
				.toString())
			.body(certificates.pdfWithBadge(certificate.id()));
	}

	@GetMapping(value = "/issuer/jwks.json", produces = MediaType.APPLICATION_JSON_VALUE)
	@org.springframework.web.bind.annotation.ResponseBody
	Map<String, Object> jwks() {
		return certificates.jwks();
	}

	@GetMapping(value = "/issuer", produces = MediaType.APPLICATION_JSON_VALUE)
	@org.springframework.web.bind.annotation.ResponseBody
	Map<String, Object> issuer() {
		return certificates.issuerProfile();
	}

	@GetMapping("/verify")
	String verifyForm(@RequestParam(required = false) String code) {
		if (code != null && !code.isBlank()) {
			return "redirect:/verify/" + code.strip().toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9-]", "");
		}
		return "certificate/verify-form";
	}

	@GetMapping("/verify/{code}")
	String verify(@PathVariable String code, Model model, HttpServletRequest request,
			jakarta.servlet.http.HttpServletResponse response) {
		throttle(request.getRemoteAddr());
		Optional<Certificate> certificate = certificates.verify(code);
		if (certificate.isEmpty()) {
			// the page explains and offers the form again, but says "not found" to browsers and link checkers
			response.setStatus(HttpStatus.NOT_FOUND.value());
		}
		model.addAttribute("certificate", certificate.orElse(null));
		model.addAttribute("state", certificate.map(c -> c.state(LocalDate.now(clock))).orElse("unknown"));
		model.addAttribute("code", code);
		return "certificate/verify";
	}

	/**
	 * What the public verify page shows about a certificate, as JSON, and no more.
	 *
	 * @param code the verification code
	 * @param state {@code valid}, {@code expired} or {@code revoked} today
	 * @param valid whether it is valid today
	 * @param revoked whether it was revoked
	 * @param expired whether it has expired
	 * @param revokedReason why it was revoked, or {@code null}
	 * @param holderName the holder's name as printed on the certificate
	 * @param courseTitle course title
	 * @param courseVersion course version
	 * @param modules titles of the modules completed
	 * @param learningHours the learning time as printed, for example "2 hours"
	 * @param issuedOn issue date
	 * @param issuedBy the issuing organisation
	 * @param expiresOn the last day it is valid
	 * @param pdfSha256 SHA-256 of the issued PDF, or {@code null} if not yet rendered
	 */
	@Schema(name = "CertificateVerification", description = "What the public verify page shows about a certificate")
	record Verification(@Schema(example = "OD-7K2M-9QXD") String code,
			@Schema(allowableValues = { "valid", "expired", "revoked" }) String state, boolean valid, boolean revoked,
			boolean expired, @Schema(nullable = true) String revokedReason,
			@Schema(description = "The holder's name exactly as printed on the certificate") String holderName,
			String courseTitle, String courseVersion, List<String> modules,
			@Schema(description = "Learning time as printed", example = "2 hours") String learningHours,
			LocalDate issuedOn, String issuedBy, LocalDate expiresOn, @Schema(nullable = true) String pdfSha256) {
	}

	@GetMapping(value = "/api/certificates/{code}", produces = { MediaType.APPLICATION_JSON_VALUE,
			MediaType.APPLICATION_PROBLEM_JSON_VALUE })
	@ResponseBody
	@Tag(name = "Certificates", description = "Public verification of certificates")
	@Operation(summary = "Verify a certificate",
			description = "Public, like the verify page, and limited like it to a number of checks a minute from one "
					+ "address. Shows exactly what the verify page shows.")
	@ApiResponse(responseCode = "200", description = "The certificate exists (valid, expired or revoked)",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = Verification.class)))
	@ApiResponse(responseCode = "404", description = "No certificate has this code",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "429", description = "Too many checks from this address in the last minute",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
	ResponseEntity<?> verifyJson(@Parameter(description = "The verification code printed on the certificate",
			example = "OD-7K2M-9QXD") @PathVariable String code, HttpServletRequest request) {
		throttle(request.getRemoteAddr());
		LocalDate today = LocalDate.now(clock);
		Optional<Certificate> found = certificates.verify(code);
		if (found.isEmpty()) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No certificate has this code.");
			return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
		}
		Certificate c = found.get();
		CertificateContent content = c.content();
		String state = c.state(today);
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.body(new Verification(c.code(), state, "valid".equals(state), "revoked".equals(state), "expired".equals(state),
					"revoked".equals(state) ? c.revokedReason() : null, content.learnerName(), content.courseTitle(),
					content.courseVersion(), content.modules(), content.hoursText(), content.issuedOn(),
					content.organisation(), content.expiresOn(), c.pdfSha256()));
	}

	private void throttle(String address) {
		RateLimits.Decision decision = limits.take(verifyLimit, address);
		if (!decision.allowed()) {
			throw new ResponseStatusException(HttpStatus.TOO_MANY_REQUESTS, "error.tooManyVerifications") {
				@Override
				public org.springframework.http.HttpHeaders getHeaders() {
					org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
					headers.set(org.springframework.http.HttpHeaders.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
					return headers;
				}
			};
		}
	}

	@GetMapping("/admin/certificates")
	String adminList(Model model) {
		model.addAttribute("certificates", certificates.all());
		model.addAttribute("today", LocalDate.now(clock));
		return "certificate/admin";
	}

	@PostMapping("/admin/certificates/{id}/revoke")
	String revoke(@AuthenticationPrincipal SignedInUser admin, @PathVariable long id, @RequestParam String reason) {
		certificates.revoke(id, admin.accountId(), requireReason(reason));
		return "redirect:/admin/certificates?revoked";
	}

	@PostMapping("/admin/certificates/{id}/reissue")
	String reissue(@AuthenticationPrincipal SignedInUser admin, @PathVariable long id, @RequestParam String reason) {
		certificates.reissue(id, admin.accountId(), requireReason(reason));
		return "redirect:/admin/certificates?reissued";
	}

	private static String requireReason(String reason) {
		if (reason == null || reason.isBlank() || reason.length() > 500) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "error.reasonRequired");
		}
		return reason.strip();
	}

}
