package org.opendoor.lms.system;

import java.util.List;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.opendoor.lms.organisation.Organisation;
import org.opendoor.lms.organisation.Organisations;
import org.opendoor.lms.support.BrowserlessSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On the demo, the demo organisation's admin signs in and finds a dashboard with the demo volunteers'
 * progress: one completed, one part-way, and a group whose deadline has passed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "lms.demo.volunteers=true",
		"lms.test.context=demo-dashboard" }) // its own database: other tests walk the demo learner through courses
@ActiveProfiles({ "demo", "test" })
class DemoDashboardTests {

	@LocalServerPort
	int port;

	@Autowired
	Organisations organisations;

	private static List<Integer> figures(Element row) {
		return row.select("td").stream().map(td -> Integer.parseInt(td.text())).toList();
	}

	@Test
	void theDemoOrganisationsAdminSeesTheDemoVolunteersProgress() {
		BrowserlessSession admin = new BrowserlessSession(port);
		admin.signIn("orgadmin" + DemoData.DOMAIN, "demo-orgadmin-pass");
		assertThat(admin.get("/courses").body()).contains("href=\"/org\"");
		Organisation demo = organisations.all().stream().filter(o -> o.slug().equals("demo-community-hub")).findFirst().orElseThrow();
		assertThat(admin.get("/org").body()).contains("Demo Community Hub");

		BrowserlessSession.Page page = admin.get("/org/" + demo.id() + "/dashboard");
		assertThat(page.status()).isEqualTo(200);
		Document doc = Jsoup.parse(page.body());
		assertThat(doc.select(".people").text()).isEqualTo("People: 7");
		assertThat(figures(doc.selectFirst("table.figures[data-course=first-steps] tr.course-row")))
			.as("completed, in progress, not started, overdue").containsExactly(1, 1, 5, 0);
		assertThat(figures(doc.selectFirst("table.figures[data-course=hub-leaders-mental-health-awareness] tr.course-row")))
			.containsExactly(0, 1, 6, 2);
		assertThat(doc.select("select#filter-group option")).extracting(Element::text)
			.contains("Riverside food bank", "Youth club");

		assertThat(admin.get("/org/" + demo.id() + "/export.csv").body()).contains("Aled Demo").contains("volunteer1" + DemoData.DOMAIN);
		assertThat(admin.get("/org/" + demo.id() + "/invite").status()).isEqualTo(200);
	}

}
