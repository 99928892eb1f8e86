package org.opendoor.lms.certificate;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.opendoor.lms.account.Account;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.certificate.internal.BadgeIssuer;
import org.opendoor.lms.certificate.internal.CertificateRenderer;
import org.opendoor.lms.certificate.internal.PdfSigner;
import org.opendoor.lms.certificate.internal.CertificateStore;
import org.opendoor.lms.certificate.internal.CertificateTemplate;
import org.opendoor.lms.course.Course;
import org.opendoor.lms.course.CourseCatalogue;
import org.opendoor.lms.course.CourseModule;
import org.opendoor.lms.learning.LearningEvents;
import org.opendoor.lms.organisation.Membership;
import org.opendoor.lms.organisation.Organisations;
import org.opendoor.lms.startup.Prepared;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issues a certificate when a learner passes, keeps its PDF immutable, and revokes and reissues with an
 * audit record. The certificate row is written in the same transaction as the pass, so a pass never
 * goes without its certificate; the PDF is drawn once, right after, or on first download.
 */
@Service
public class Certificates implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(Certificates.class);

	private static final char[] ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ0123456789".toCharArray();

	private final CertificateStore store;

	private final CourseCatalogue catalogue;

	private final Accounts accounts;

	private final Organisations organisations;

	private final CertificateProperties properties;

	/** The site's public address, the base of verify links and QR codes. */
	private final org.opendoor.lms.startup.PublicAddress address;

	/** The renderer, its fonts cut down on another core while the app starts. */
	private final Prepared<CertificateRenderer> renderer;

	private final BadgeIssuer badges;

	private final PdfSigner signer;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	private final TransactionTemplate transactions;

	public Certificates(CertificateStore store, CourseCatalogue catalogue, Accounts accounts, Organisations organisations,
			CertificateProperties properties, org.opendoor.lms.startup.PublicAddress address, BadgeIssuer badges, PdfSigner signer, Optional<Clock> clock,
			PlatformTransactionManager transactionManager) {
		this.store = store;
		this.catalogue = catalogue;
		this.accounts = accounts;
		this.organisations = organisations;
		this.properties = properties;
		this.address = address;
		CertificateTemplate template = CertificateTemplate.read(properties.template());
		this.renderer = new Prepared<>("certificate-fonts", () -> new CertificateRenderer(template));
		this.badges = badges;
		this.signer = signer;
		this.clock = clock.orElse(Clock.systemUTC());
		this.transactions = new TransactionTemplate(transactionManager);
		this.transactions.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
	}

	/** Waits for the renderer before the app takes traffic: a font that cannot be read stops the start. */
	@Override
	public void afterSingletonsInstantiated() {
		renderer.get();
	}

	/** A new verification code: 20 characters from a 32-letter alphabet, 100 random bits. */
	String newCode() {
		StringBuilder code = new StringBuilder();
		for (int i = 0; i < 20; i++) {
			if (i > 0 && i % 4 == 0) {
				code.append('-');
			}
			code.append(ALPHABET[random.nextInt(ALPHABET.length)]);
		}
		return code.toString();
	}

	/** Records the certificate in the same transaction as the pass. */
	@EventListener
	public void onAssessmentSubmitted(LearningEvents.AssessmentSubmitted event) {
		if (event.mark().passed() && !store.existsValidFor(event.attemptId())) {
			long id = store.insert(event.attemptId(), event.learnerId(), event.courseId(),
					content(event.learnerId(), catalogue.version(event.courseVersionId(),
							accounts.get(event.learnerId()).language()), null), null);
			store.audit(id, "ISSUED", null, null);
		}
	}

	/** Draws the PDFs of certificates issued in the transaction that just committed. */
	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void renderAfterPass(LearningEvents.AssessmentSubmitted event) {
		if (event.mark().passed()) {
			renderPending();
		}
	}

	/** Draws any PDF still missing (for example after a crash between the pass and the drawing). */
	@Scheduled(fixedDelayString = "${lms.certificate.render-every:PT5M}")
	public void renderPending() {
		for (long id : store.withoutPdf()) {
			try {
				// each in its own transaction: one that fails (storage full) leaves the others unharmed
				transactions.executeWithoutResult(s -> pdf(id));
			}
			catch (RuntimeException ex) {
				log.warn("Certificate {} could not be drawn or stored yet ({}); it will be tried again", id,
						ex.getCause() != null ? ex.getCause().getClass().getSimpleName() : ex.getClass().getSimpleName());
			}
		}
	}

	private CertificateContent content(long learnerId, Course course, String code) {
		Account learner = accounts.get(learnerId);
		String organisation = organisations.membershipsOf(learnerId).stream()
			.map(Membership::organisationName)
			.findFirst()
			.orElse(properties.issuer());
		LocalDate today = LocalDate.now(clock);
		String c = code != null ? code : newCode();
		return new CertificateContent(c, learner.displayName(), course.title(), course.version(),
				course.modules().stream().map(CourseModule::title).toList(), course.estimatedMinutes(), today,
				today.plusMonths(course.certificateValidityMonths()), organisation, address.url() + "/verify/" + c,
				learner.language());
	}

	/** The PDF of a certificate: drawn and stored the first time, the same bytes ever after. */
	@Transactional
	public byte[] pdf(long id) {
		Optional<byte[]> stored = store.pdf(id);
		if (stored.isPresent()) {
			return stored.get();
		}
		Certificate certificate = store.byId(id, address.url()).orElseThrow(CertificateNotFoundException::new);
		byte[] pdf = sign(renderer.get().render(certificate.content()), certificate.content());
		boolean kept;
		try {
			kept = store.storePdf(id, pdf, sha256(pdf));
		}
		catch (DataAccessException ex) {
			// storage full or failing: the update stored nothing; the job and the next download try again
			throw new CertificatePendingException(ex);
		}
		if (!kept) {
			return store.pdf(id).orElseThrow();
		}
		return pdf;
	}

	/** The Open Badges 3.0 credential (VC-JWT) of a certificate, issued once and kept as issued. */
	@Transactional
	public String badge(long id) {
		Optional<String> stored = store.badge(id);
		if (stored.isPresent()) {
			return stored.get();
		}
		Certificate c = store.byId(id, address.url()).orElseThrow(CertificateNotFoundException::new);
		store.storeBadge(id, badges.issue(c.content(), store.courseOf(id), address.url(), properties.issuer()));
		return store.badge(id).orElseThrow();
	}

	/** The PDF/A-3b variant of a certificate, with its Open Badges credential embedded as an associated file. */
	@Transactional
	public byte[] pdfWithBadge(long id) {
		Certificate c = store.byId(id, address.url()).orElseThrow(CertificateNotFoundException::new);
		return sign(renderer.get().render(c.content(), new CertificateRenderer.Attachment("open-badge-credential.jwt",
				"Open Badges 3.0 credential for this certificate (VC-JWT)", "text/plain",
				badge(id).getBytes(java.nio.charset.StandardCharsets.US_ASCII))), c.content());
	}

	private byte[] sign(byte[] pdf, CertificateContent c) {
		return signer.sign(pdf, c.organisation(), "Certificate of completion " + c.code(), clock.instant());
	}

	/** The issuer's public signing key as a JWK Set (JSON). */
	public Map<String, Object> jwks() {
		return Map.of("keys", List.of(badges.publicJwk().toJSONObject()));
	}

	/** The issuer's Open Badges profile. */
	public Map<String, Object> issuerProfile() {
		return Map.of("@context", List.of("https://www.w3.org/ns/credentials/v2",
				"https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"), "id", BadgeIssuer.issuerId(address.url()),
				"type", List.of("Profile"), "name", properties.issuer(), "url", address.url());
	}

	/** A learner's own certificates, newest first. */
	@Transactional(readOnly = true)
	public List<Certificate> of(long learnerId) {
		return store.byLearner(learnerId, address.url());
	}

	/**
	 * A learner's newest valid certificate for a course, for their organisations' dashboards and exports.
	 *
	 * @param learnerId the learner's account id
	 * @param courseId the course
	 * @param code the verification code
	 * @param issuedOn when it was issued
	 * @param expiresOn when it expires
	 */
	public record Held(long learnerId, String courseId, String code, LocalDate issuedOn, LocalDate expiresOn) {
	}

	/** The newest valid (not revoked) certificate of each of these learners for each course. */
	@Transactional(readOnly = true)
	public List<Held> newestValidOf(java.util.Collection<Long> learnerIds) {
		return store.newestValidOf(learnerIds).stream()
			.map(r -> new Held((Long) r[0], (String) r[1], (String) r[2], (LocalDate) r[3], (LocalDate) r[4]))
			.toList();
	}

	/** A learner's own certificate by code; anyone else's is not found. */
	@Transactional(readOnly = true)
	public Certificate owned(long learnerId, String code) {
		return store.byCode(code, address.url())
			.filter(c -> c.learnerId() == learnerId)
			.orElseThrow(CertificateNotFoundException::new);
	}

	/** A certificate by its code, for the public verify page. */
	@Transactional
	public Optional<Certificate> verify(String code) {
		Optional<Certificate> found = store.byCode(code == null ? "" : code.strip().toUpperCase(java.util.Locale.ROOT),
				address.url());
		if (found.isPresent() && found.get().pdfSha256() == null && "VALID".equals(found.get().status())) {
			try {
				transactions.executeWithoutResult(s -> pdf(found.get().id()));
			}
			catch (CertificatePendingException ex) {
				return found; // valid all the same; its PDF is drawn later
			}
			return store.byCode(found.get().code(), address.url());
		}
		return found;
	}

	/** Every certificate, for admins. */
	@Transactional(readOnly = true)
	public List<Certificate> all() {
		return store.all(address.url());
	}

	/** Revokes a certificate with a reason, recorded in the audit trail. */
	@Transactional
	public void revoke(long id, long adminId, String reason) {
		Certificate c = store.byId(id, address.url()).orElseThrow(CertificateNotFoundException::new);
		if (!"VALID".equals(c.status())) {
			return;
		}
		store.revoke(id, reason);
		store.audit(id, "REVOKED", adminId, reason);
	}

	/**
	 * Corrects a certificate: revokes it and issues a new one (new code, current name and details) for the
	 * same pass, both recorded in the audit trail. Returns the new certificate's code.
	 */
	@Transactional
	public String reissue(long id, long adminId, String reason) {
		Certificate old = store.byId(id, address.url()).orElseThrow(CertificateNotFoundException::new);
		revoke(id, adminId, reason);
		Account learner = accounts.get(old.learnerId());
		String code = newCode();
		CertificateContent o = old.content();
		CertificateContent fresh = new CertificateContent(code, learner.displayName(), o.courseTitle(), o.courseVersion(),
				o.modules(), o.minutes(), o.issuedOn(), o.expiresOn(), o.organisation(),
				address.url() + "/verify/" + code, learner.language());
		long newId = store.insert(store.attemptOf(id), old.learnerId(), store.courseOf(id), fresh, id);
		store.audit(newId, "REISSUED", adminId, reason);
		pdf(newId);
		return code;
	}

	/** The audit trail of a certificate (ISSUED, REVOKED, REISSUED). */
	@Transactional(readOnly = true)
	public List<String> auditTrail(long id) {
		return store.auditTrail(id);
	}

	static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
