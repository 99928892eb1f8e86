package org.opendoor.lms.privacy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.opendoor.lms.account.AccountRecord;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.certificate.Certificate;
import org.opendoor.lms.certificate.Certificates;
import org.opendoor.lms.learning.LearnerRecords;
import org.opendoor.lms.organisation.Organisations;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Everything Open Door holds about a person, gathered from each module for their download (or a site
 * admin's look-up), and erasing it at their request. See {@code docs/personal-data.md}.
 */
@Service
public class PersonalData {

	/** The name of the JSON file in the download. */
	public static final String JSON_FILE = "personal-data.json";

	private final Accounts accounts;

	private final Organisations organisations;

	private final LearnerRecords learning;

	private final Certificates certificates;

	private final PersonalDataAudit audit;

	private final JsonMapper json;

	private final Clock clock;

	public PersonalData(Accounts accounts, Organisations organisations, LearnerRecords learning,
			Certificates certificates, PersonalDataAudit audit, JsonMapper json, Optional<Clock> clock) {
		this.accounts = accounts;
		this.organisations = organisations;
		this.learning = learning;
		this.certificates = certificates;
		this.audit = audit;
		this.json = json;
		this.clock = clock.orElse(Clock.systemUTC());
	}

	/** Everything held about a person, as the JSON document of their download. */
	@Transactional(readOnly = true)
	public Map<String, Object> document(long accountId) {
		AccountRecord account = accounts.record(accountId);
		Map<String, Object> doc = new LinkedHashMap<>();
		doc.put("about", "Everything Open Door holds about you, as of " + clock.instant()
				+ ". Certificate PDFs are in the certificates folder beside this file.");
		Map<String, Object> a = new LinkedHashMap<>();
		a.put("id", account.account().id());
		a.put("email", account.account().email());
		a.put("displayName", account.account().displayName());
		a.put("nation", account.account().nation());
		a.put("language", account.account().language());
		a.put("roles", account.account().roles());
		a.put("learnerRef", account.account().learnerRef());
		a.put("createdAt", account.createdAt());
		a.put("hasPassword", account.hasPassword());
		a.put("identityProviderSignIns", account.identities());
		doc.put("account", a);
		doc.put("memberships", organisations.membershipsOf(accountId));
		doc.put("attempts", learning.attempts(accountId));
		doc.put("plans", learning.plans(accountId));
		List<Map<String, Object>> certs = new ArrayList<>();
		for (Certificate c : certificates.of(accountId)) {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("code", c.code());
			m.put("status", c.status());
			m.put("revokedReason", c.revokedReason());
			m.put("printed", c.content());
			m.put("pdfSha256", c.pdfSha256());
			m.put("pdfFile", pdfName(c));
			certs.add(m);
		}
		doc.put("certificates", certs);
		doc.put("accessLog", audit.about(accountId));
		return doc;
	}

	/** The document as indented JSON. */
	@Transactional(readOnly = true)
	public String documentJson(long accountId) {
		return json.writerWithDefaultPrettyPrinter().writeValueAsString(document(accountId));
	}

	/** The person's download: the JSON document and every certificate PDF, zipped; recorded in the audit log. */
	@Transactional
	public byte[] export(long actorId, long accountId) {
		audit.record(actorId, accountId, PersonalDataAudit.Action.EXPORTED);
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			zip.putNextEntry(new ZipEntry(JSON_FILE));
			zip.write(json.writerWithDefaultPrettyPrinter().writeValueAsBytes(document(accountId)));
			zip.closeEntry();
			for (Certificate c : certificates.of(accountId)) {
				if ("VALID".equals(c.status()) || c.pdfSha256() != null) {
					byte[] pdf = certificates.pdf(c.id());
					zip.putNextEntry(new ZipEntry(pdfName(c)));
					zip.write(pdf);
					zip.closeEntry();
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	/** A site admin looks at what is held about someone; recorded in the audit log. */
	@Transactional
	public Map<String, Object> view(long adminId, long accountId) {
		audit.record(adminId, accountId, PersonalDataAudit.Action.VIEWED);
		return document(accountId);
	}

	/**
	 * Erases a person's account and personal data in one transaction: the account module anonymises the
	 * account and every module erases its part on {@code AccountEvents.AccountErased}.
	 */
	@Transactional
	public void erase(long accountId) {
		audit.record(accountId, accountId, PersonalDataAudit.Action.ERASED);
		accounts.erase(accountId);
	}

	private static String pdfName(Certificate c) {
		return "certificates/certificate-" + c.code() + ".pdf";
	}

}
