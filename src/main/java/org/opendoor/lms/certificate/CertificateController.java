package org.opendoor.lms.certificate;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import org.opendoor.lms.account.SignedInUser;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** A learner's certificates, the public verify page, and the admin list with revoke and reissue. */
@Controller
class CertificateController {

	private final Certificates certificates;

	private final CertificateProperties properties;

	private final Clock clock;

	private final Map<String, long[]> verifyWindows = new ConcurrentHashMap<>();

	CertificateController(Certificates certificates, CertificateProperties properties, Optional<Clock> clock) {
		this.certificates = certificates;
		this.properties = properties;
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
	String verify(@PathVariable String code, Model model, HttpServletRequest request) {
		throttle(request.getRemoteAddr());
		Optional<Certificate> certificate = certificates.verify(code);
		model.addAttribute("certificate", certificate.orElse(null));
		model.addAttribute("state", certificate.map(c -> c.state(LocalDate.now(clock))).orElse("unknown"));
		model.addAttribute("code", code);
		return "certificate/verify";
	}

	private void throttle(String address) {
		long minute = clock.millis() / 60_000;
		long[] window = verifyWindows.compute(address,
				(k, w) -> w == null || w[0] != minute ? new long[] { minute, 1 } : new long[] { minute, w[1] + 1 });
		if (window[1] > properties.verifyRequestsPerMinute()) {
			long wait = 60 - (clock.millis() / 1000) % 60;
			throw new ResponseStatusException(HttpStatus.TOO_MANY_REQUESTS, "error.tooManyVerifications") {
				@Override
				public org.springframework.http.HttpHeaders getHeaders() {
					org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
					headers.set(org.springframework.http.HttpHeaders.RETRY_AFTER, Long.toString(wait));
					return headers;
				}
			};
		}
		if (verifyWindows.size() > 10_000) {
			verifyWindows.entrySet().removeIf(e -> e.getValue()[0] != minute);
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
