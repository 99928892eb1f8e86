package org.opendoor.lms.system;

import java.util.Set;
import java.util.TreeSet;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendoor.lms.account.Account;
import org.opendoor.lms.account.Accounts;
import org.opendoor.lms.account.Nation;
import org.opendoor.lms.certificate.Certificate;
import org.opendoor.lms.certificate.Certificates;
import org.opendoor.lms.course.CourseCatalogue;
import org.opendoor.lms.learning.Attempts;
import org.opendoor.lms.organisation.Organisations;
import org.opendoor.lms.support.Learners;
import org.opendoor.lms.support.People;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The OpenAPI description of /api/**: valid, public, listing exactly the /api/** routes the application has
 * (a new undocumented route fails here), and each route answering as documented.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles({ "demo", "test" })
class ApiDocumentationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	MockMvc mvc;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Autowired
	Accounts accounts;

	@Autowired
	Organisations organisations;

	@Autowired
	Attempts attempts;

	@Autowired
	Certificates certificates;

	@Autowired
	CourseCatalogue catalogue;

	People people;

	OpenAPI api;

	@BeforeEach
	void document() throws Exception {
		people = People.create(accounts, organisations);
		MockHttpServletResponse response = mvc.perform(get("/api/openapi.json")).andReturn().getResponse();
		assertThat(response.getStatus()).as("public, no sign-in").isEqualTo(200);
		ParseOptions options = new ParseOptions();
		options.setResolve(true);
		SwaggerParseResult result = new OpenAPIV3Parser().readContents(response.getContentAsString(), null, options);
		assertThat(result.getMessages()).as("parser messages").isEmpty();
		api = result.getOpenAPI();
	}

	private Operation operation(String path, PathItem.HttpMethod method) {
		PathItem item = api.getPaths().get(path);
		assertThat(item).as(path + " documented").isNotNull();
		Operation operation = item.readOperationsMap().get(method);
		assertThat(operation).as(method + " " + path + " documented").isNotNull();
		return operation;
	}

	/** The response answered as documented: its status is listed, with the content type it came with. */
	private ApiResponse documented(Operation operation, MockHttpServletResponse response) {
		ApiResponse documented = operation.getResponses().get(String.valueOf(response.getStatus()));
		assertThat(documented).as("status " + response.getStatus() + " documented for " + operation.getSummary()).isNotNull();
		String type = response.getContentType().replaceFirst(";.*", "");
		assertThat(documented.getContent()).as("content types").containsKey(type);
		return documented;
	}

	@Test
	void theDocumentIsValidOpenApi31AndListsExactlyTheApiRoutes() {
		assertThat(api.getOpenapi()).startsWith("3.1");
		assertThat(api.getInfo().getTitle()).isEqualTo("Open Door API");
		Set<String> documented = new TreeSet<>();
		api.getPaths().forEach((path, item) -> item.readOperationsMap()
			.keySet()
			.forEach(method -> documented.add(method.name() + " " + path)));
		Set<String> routes = new TreeSet<>();
		for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
			for (String pattern : info.getPatternValues()) {
				// The description itself is served by springdoc and is not part of the API it describes.
				if (!pattern.startsWith("/api/") || pattern.startsWith("/api/openapi.json")) {
					continue;
				}
				Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
				assertThat(methods).as(pattern + " names its methods").isNotEmpty();
				methods.forEach(m -> routes.add(m.name() + " " + pattern));
			}
		}
		assertThat(routes).contains("GET /api/courses", "GET /api/certificates/{code}",
				"GET /api/courses/{courseId}/packages/{standard}");
		assertThat(documented).isEqualTo(routes);
		// Every operation documents its responses, and every error response is problem+json.
		api.getPaths().forEach((path, item) -> item.readOperationsMap().values().forEach(op -> {
			assertThat(op.getSummary()).as(path).isNotBlank();
			op.getResponses().forEach((status, response) -> {
				if (status.startsWith("4")) {
					assertThat(response.getContent()).as(path + " " + status).containsOnlyKeys("application/problem+json");
				}
			});
		}));
	}

	@Test
	void theCatalogueAnswersAsDocumented() throws Exception {
		MockHttpServletResponse response = mvc.perform(get("/api/courses")).andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		ApiResponse documented = documented(operation("/api/courses", PathItem.HttpMethod.GET), response);
		Schema<?> course = api.getComponents().getSchemas().get("Course");
		assertThat(documented.getContent().get("application/json").getSchema().getItems().get$ref())
			.endsWith("/Course");
		JsonNode body = JSON.readTree(response.getContentAsString());
		assertThat(body.size()).isEqualTo(catalogue.available().size());
		for (JsonNode entry : body) {
			assertThat(names(entry)).isEqualTo(new TreeSet<>(course.getProperties().keySet()));
		}
		JsonNode flagship = null;
		for (JsonNode entry : body) {
			if ("hub-leaders-mental-health-awareness".equals(entry.get("id").asString())) {
				flagship = entry;
			}
		}
		assertThat(flagship).isNotNull();
		assertThat(flagship.get("version").asString()).isEqualTo("1.2.0");
		assertThat(flagship.get("estimatedMinutes").asInt()).isEqualTo(140);
		assertThat(flagship.get("languages")).extracting(JsonNode::asString).containsExactly("en", "cy");
	}

	private static Set<String> names(JsonNode node) {
		Set<String> names = new TreeSet<>();
		node.propertyNames().forEach(names::add);
		return names;
	}

	@Test
	void certificateVerificationShowsWhatTheVerifyPageShowsAndNoMore() throws Exception {
		Account learner = Learners.register(accounts, "Angharad Llwyd", Nation.WALES, "en");
		Learners.takeFirstStepsAssessment(attempts, learner, true);
		Certificate certificate = certificates.of(learner.id()).get(0);
		Operation verify = operation("/api/certificates/{code}", PathItem.HttpMethod.GET);

		MockHttpServletResponse response = mvc.perform(get("/api/certificates/" + certificate.code())).andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		documented(verify, response);
		JsonNode body = JSON.readTree(response.getContentAsString());
		assertThat(names(body)).isEqualTo(new TreeSet<>(api.getComponents().getSchemas().get("CertificateVerification")
			.getProperties().keySet()));
		assertThat(body.get("state").asString()).isEqualTo("valid");
		assertThat(body.get("valid").asBoolean()).isTrue();
		assertThat(body.get("holderName").asString()).isEqualTo("Angharad Llwyd");
		assertThat(body.get("courseTitle").asString()).isEqualTo("First steps: listening and signposting");
		String page = mvc.perform(get("/verify/" + certificate.code())).andReturn().getResponse().getContentAsString();
		for (String field : new String[] { "holderName", "courseTitle", "courseVersion", "issuedBy", "code" }) {
			assertThat(page).as("the verify page shows " + field).contains(body.get(field).asString());
		}
		assertThat(response.getContentAsString()).doesNotContain(learner.email()).doesNotContain("learnerId");

		MockHttpServletResponse unknown = mvc.perform(get("/api/certificates/NOPE-NOPE")).andReturn().getResponse();
		assertThat(unknown.getStatus()).isEqualTo(404);
		documented(verify, unknown);
		assertThat(JSON.readTree(unknown.getContentAsString()).get("detail").asString())
			.isEqualTo("No certificate has this code.");
	}

	@Test
	void packagesAnswerAsDocumentedForAdminsOnly() throws Exception {
		Operation download = operation("/api/courses/{courseId}/packages/{standard}", PathItem.HttpMethod.GET);
		assertThat(download.getSecurity()).isNotEmpty();
		String url = "/api/courses/first-steps/packages/";
		MockHttpServletResponse zip = mvc.perform(get(url + "cmi5").with(user(Learners.as(people.siteAdmin()))))
			.andReturn().getResponse();
		assertThat(zip.getStatus()).isEqualTo(200);
		documented(download, zip);

		MockHttpServletResponse bad = mvc.perform(get(url + "scorm3").with(user(Learners.as(people.siteAdmin()))))
			.andReturn().getResponse();
		assertThat(bad.getStatus()).isEqualTo(400);
		documented(download, bad);
		assertThat(JSON.readTree(bad.getContentAsString()).get("detail").asString()).contains("Unknown package standard");

		MockHttpServletResponse missing = mvc.perform(get("/api/courses/no-such-course/packages/cmi5")
			.with(user(Learners.as(people.siteAdmin())))).andReturn().getResponse();
		assertThat(missing.getStatus()).isEqualTo(404);
		documented(download, missing);

		assertThat(mvc.perform(get(url + "cmi5").with(user(Learners.as(people.volunteerA())))).andReturn().getResponse()
			.getStatus()).isEqualTo(403);
	}

	@Test
	void theDocumentHasNoPersonalData() throws Exception {
		String document = mvc.perform(get("/api/openapi.json")).andReturn().getResponse().getContentAsString();
		assertThat(document).doesNotContain("@demo.opendoor.invalid").doesNotContain(people.volunteerA().email());
	}

}
