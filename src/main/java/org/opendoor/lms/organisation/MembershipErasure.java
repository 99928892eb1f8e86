package org.opendoor.lms.organisation;

import org.opendoor.lms.account.AccountEvents;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * When an account is erased, the person leaves every organisation (in the erasing transaction): an erased
 * volunteer is not counted as "not started" for ever.
 */
@Component
class MembershipErasure {

	private final JdbcClient jdbc;

	MembershipErasure(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener
	void onAccountErased(AccountEvents.AccountErased event) {
		jdbc.sql("delete from membership where user_id = ?").param(event.accountId()).update();
	}

}
