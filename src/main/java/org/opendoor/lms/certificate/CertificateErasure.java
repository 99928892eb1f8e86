package org.opendoor.lms.certificate;

import org.opendoor.lms.account.AccountEvents;
import org.opendoor.lms.certificate.internal.CertificateStore;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * When an account is erased, its certificates are revoked and anonymised in the same transaction: the
 * printed name is replaced, the PDF and the badge credential are deleted, unsent emails are cancelled.
 * The rows stay (course, version, dates, status) as anonymous counts, and the verify page answers
 * "revoked" for their codes. See {@code docs/personal-data.md}.
 */
@Component
class CertificateErasure {

	/** The reason recorded on each revoked certificate. */
	static final String REASON = "Erased at the learner's request";

	/** What replaces the learner's name. */
	static final String ERASED_NAME = "Erased";

	private final CertificateStore store;

	CertificateErasure(CertificateStore store) {
		this.store = store;
	}

	@EventListener
	void onAccountErased(AccountEvents.AccountErased event) {
		for (long id : store.erase(event.accountId(), ERASED_NAME, REASON)) {
			store.audit(id, "REVOKED", event.accountId(), REASON);
		}
	}

}
