package org.opendoor.lms.system;

import org.opendoor.lms.account.Nation;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in through organisations' identity providers. The providers themselves are Spring Boot's standard
 * {@code spring.security.oauth2.client.registration.*} and {@code .provider.*} properties; with none
 * configured, only the sign-in form is offered.
 *
 * @param defaultNation the nation given to an account made at a first sign-in through a provider, until
 *        the person chooses theirs on the profile page they are shown next
 */
@ConfigurationProperties("lms.oidc")
record OidcProperties(@DefaultValue("ENGLAND") Nation defaultNation) {
}
