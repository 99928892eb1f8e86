package org.opendoor.lms.system;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page and the site root. */
@Controller
class HomeController {

	private final ObjectProvider<ClientRegistrationRepository> identityProviders;

	HomeController(ObjectProvider<ClientRegistrationRepository> identityProviders) {
		this.identityProviders = identityProviders;
	}

	@GetMapping("/")
	String home() {
		return "redirect:/courses";
	}

	/**
	 * An identity provider offered on the sign-in page.
	 *
	 * @param registrationId its registration id (in the sign-in link)
	 * @param name its name as people know it
	 */
	record IdentityProvider(String registrationId, String name) {
	}

	@GetMapping("/login")
	String login(Model model) {
		List<IdentityProvider> providers = new ArrayList<>();
		if (identityProviders.getIfAvailable() instanceof Iterable<?> registrations) {
			for (Object r : registrations) {
				ClientRegistration registration = (ClientRegistration) r;
				providers.add(new IdentityProvider(registration.getRegistrationId(), registration.getClientName()));
			}
		}
		model.addAttribute("identityProviders", providers);
		return "system/login";
	}

}
