package org.opendoor.lms.lrs.internal;

import org.opendoor.lms.lrs.XapiClients;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** In the demo profile only: a read/write LRS client whose credentials the README gives. */
@Component
@Profile("demo")
class DemoLrsClient implements ApplicationRunner {

	private final XapiClients clients;

	private final String key;

	private final String secret;

	DemoLrsClient(XapiClients clients, @Value("${lms.demo.lrs-key}") String key,
			@Value("${lms.demo.lrs-secret}") String secret) {
		this.clients = clients;
		this.key = key;
		this.secret = secret;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!clients.exists(key)) {
			clients.create("Demo LRS client", XapiClients.Scope.WRITE, key, secret);
		}
		System.out.println("Demo LRS client for /xapi: key " + key + ", secret " + secret);
	}

}
