package org.opendoor.lms.system;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI 3.1 description of {@code /api/**}, served by springdoc at {@code /api/openapi.json} to anyone:
 * it describes routes, not data (see {@code springdoc.*} in application.properties).
 */
@Configuration
class ApiDocumentation {

	@Bean
	OpenAPI openDoorApi() {
		return new OpenAPI()
			.info(new Info().title("Open Door API")
				.version("1")
				.description("Read API for a charity's other systems: the course catalogue, public certificate "
						+ "verification and (for site admins) course packages. Errors are application/problem+json.")
				.license(new License().name("Apache License 2.0").identifier("Apache-2.0")))
			.components(new Components().addSecuritySchemes("session",
					new SecurityScheme().type(SecurityScheme.Type.APIKEY)
						.in(SecurityScheme.In.COOKIE)
						.name("SESSION")
						.description("A signed-in site admin's session (sign in at /login).")));
	}

}
