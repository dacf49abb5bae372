package vn.danvan.e2e.browser;

import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import vn.danvan.e2e.Platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web dashboard served by reporting-service at {@code /}, in headless Chromium against the whole platform with the
 * real Keycloak: sign-in by the login form (authorization code + PKCE), figures equal to the API's, a period switch,
 * a live update over SSE, an Excel export, sign-out, and a district that does not see another district.
 */
class DashboardBrowserTest {
    static final String LY_NHAN = "10000000-0000-4000-8000-000000000010";
    static final String BINH_LUC = "10000000-0000-4000-8000-000000000020";
    static final String HOA_HAU = "10000000-0000-4000-8000-000000000033";
    static final String BOARD = "10000000-0000-4000-8000-000000000011";
    static final String PEOPLES_COMMITTEE = "10000000-0000-4000-8000-000000000012";
    static final String FRONT = "10000000-0000-4000-8000-000000000013";

    static Platform platform;

    @BeforeAll
    static void start() {
        if (Browser.available()) {
            platform = Platform.get();
        }
    }

    @BeforeEach
    void chromium() {
        Browser.assumeChromium();
    }

    @Test
    void aViewerOfLyNhanSeesTheFiguresSwitchesPeriodSeesALiveChangeExportsAndSignsOut() throws Exception {
        String base = platform.reportingService();
        String plan = signedAndReviewedPlan();
        try (Browser browser = Browser.open()) {
            browser.driver.get(base + "/");
            browser.visible("login", 30);
            browser.screenshot("login-laptop", 1366, 900, false);

            browser.login(base, "viewer-lynhan");
            assertEquals("Huyện ủy Lý Nhân", browser.text("unit-title"));
            assertEquals("Lê Hồng Hà", browser.text("user-name"));
            assertEquals("Xem", browser.text("user-role"));
            assertEquals("Huyện ủy Lý Nhân", browser.text("user-unit"));

            // The demo's models are of 2023: the whole year, then the first quarter.
            choosePeriod(browser, "year", "2023", null);
            int year = summaryRegistered(LY_NHAN, "2023");
            assertTrue(year > 0, "the demo has models in Lý Nhân in 2023");
            assertEquals(String.valueOf(year), browser.text("kpi-registered"));
            assertEquals(String.valueOf(year), browser.text("table-total"));
            List<String> children = browser.driver.findElements(By.cssSelector("#child-table tbody th")).stream()
                    .map(WebElement::getText).toList();
            assertTrue(children.contains("Đảng ủy xã Hòa Hậu"), "child rows: " + children);
            assertTrue(browser.driver.findElements(By.cssSelector("#chart-field svg rect")).size() > 0, "the chart by field is drawn");
            // The coordination plan of the year: signed by the expected board, one task of three done, one under way.
            int signed = given().baseUri(base).auth().oauth2(platform.token("admin")).queryParam("unitId", LY_NHAN)
                    .queryParam("year", 2023).when().get("/api/reports/plans").then().statusCode(200).extract().path("summary.signed");
            assertTrue(signed >= 1);
            assertEquals(String.valueOf(signed), browser.text("kpi-signed"));
            assertTrue(browser.text("plans").contains(plan), browser.text("plans"));
            assertTrue(browser.text("plans").contains("Hoàn thành 1/3 nhiệm vụ"), browser.text("plans"));
            assertFalse(browser.text("unsigned").contains("Ban Dân vận Huyện ủy Lý Nhân"), browser.text("unsigned"));
            System.out.println("dashboard: " + browser.text("status"));
            browser.waiting(20).until(d -> !d.findElements(By.cssSelector("#chart-month svg")).isEmpty());
            browser.screenshot("dashboard-laptop", 1366, 900, false);
            browser.screenshot("dashboard-phone", 390, 844, true);

            choosePeriod(browser, "Q", "2023", "1");
            int quarter = summaryRegistered(LY_NHAN, "2023-Q1");
            assertEquals(String.valueOf(quarter), browser.text("kpi-registered"));
            assertNotEquals(year, quarter, "the first quarter of 2023 has fewer models than the year");
            assertTrue(browser.driver.getCurrentUrl().contains("period=2023-Q1"), browser.driver.getCurrentUrl());

            // Restated under today's units: what the API answers for structureAsOf = today (figures, or a 422 when the
            // district no longer exists after the 2025 reorganisation, said in Vietnamese).
            String loaded = String.valueOf(browser.driver.findElement(By.id("dashboard")).getAttribute("data-loaded"));
            browser.driver.findElement(By.id("structure-today")).click();
            browser.waiting(20).until(d -> d.getCurrentUrl().contains("asOf=today")
                    && (!loaded.equals(String.valueOf(d.findElement(By.id("dashboard")).getAttribute("data-loaded")))
                    || d.findElement(By.id("error")).isDisplayed()));
            browser.waitLoaded(20);
            Response restated = given().baseUri(base).auth().oauth2(platform.token("viewer-lynhan"))
                    .queryParam("unitId", LY_NHAN).queryParam("period", "2023-Q1").queryParam("groupBy", "child")
                    .queryParam("structureAsOf", LocalDate.now().toString()).when().get("/api/reports/models");
            if (restated.statusCode() == 200) {
                assertEquals(String.valueOf((Object) restated.path("totals.registered")), browser.text("kpi-registered"));
                assertTrue(browser.text("period-title").contains("quy đổi theo đơn vị ngày"), browser.text("period-title"));
            } else {
                assertEquals(422, restated.statusCode(), restated.asString());
                assertTrue(browser.text("error").contains("Không lập được báo cáo"), browser.text("error"));
            }
            browser.driver.findElement(By.id("structure-then")).click();
            browser.waiting(20).until(d -> !d.getCurrentUrl().contains("asOf=today")
                    && String.valueOf(quarter).equals(d.findElement(By.id("kpi-registered")).getText().trim()));

            // Accent-insensitive search among the child units.
            browser.driver.findElement(By.id("unit-search")).sendKeys("hoa hau");
            List<String> found = browser.driver.findElements(By.cssSelector("#unit-list button")).stream().map(WebElement::getText).toList();
            assertTrue(found.contains("Đảng ủy xã Hòa Hậu"), "found: " + found);
            assertTrue(found.size() < children.size(), "the search filters: " + found);
            browser.driver.findElement(By.id("unit-search")).clear();
            browser.js("document.getElementById('unit-search').dispatchEvent(new Event('input'))");

            // A model registered through the API shows without reloading the page (SSE → refresh).
            browser.waiting(20).until(d -> "on".equals(d.findElement(By.id("live")).getAttribute("data-state")));
            browser.js("window.__sameDocument = true");
            given().baseUri(platform.planService()).auth().oauth2(platform.token("admin")).contentType(ContentType.JSON).body("""
                            {"name": "Dân vận khéo trong giữ gìn vệ sinh môi trường", "unitId": "%s", "field": "CULTURE_SOCIETY",
                             "origin": "NEW", "registeredOn": "2023-02-20"}""".formatted(HOA_HAU))
                    .when().post("/api/models").then().statusCode(201);
            String expected = String.valueOf(quarter + 1);
            browser.waiting(20).until(d -> expected.equals(d.findElement(By.id("kpi-registered")).getText().trim()));
            assertEquals(Boolean.TRUE, browser.js("return window.__sameDocument === true"), "no reload");
            browser.waiting(10).until(d -> d.findElement(By.id("timeline")).getText().contains("giữ gìn vệ sinh môi trường")
                    || !d.findElements(By.cssSelector("#timeline li.new")).isEmpty());

            // Excel: fetched with the bearer token and saved through a blob link.
            browser.driver.findElement(By.id("export-xlsx")).click();
            Path xlsx = browser.downloaded(".xlsx", 30);
            browser.waiting(10).until(d -> {
                try {
                    return Files.size(xlsx) > 0;
                } catch (IOException e) {
                    return false;
                }
            });
            byte[] head = new byte[2];
            System.arraycopy(Files.readAllBytes(xlsx), 0, head, 0, 2);
            assertArrayEquals(new byte[]{'P', 'K'}, head, "an XLSX file is a ZIP");
            assertTrue(browser.text("status").contains(".xlsx"), browser.text("status"));

            // An access token at its end is renewed with the refresh token, without a new sign-in.
            String token = (String) browser.js("return JSON.parse(sessionStorage.getItem('danvan.auth')).accessToken");
            browser.js("const a = JSON.parse(sessionStorage.getItem('danvan.auth')); a.expiresAt = Date.now() - 1000;"
                    + " sessionStorage.setItem('danvan.auth', JSON.stringify(a));");
            browser.driver.navigate().refresh();
            browser.waitLoaded(30);
            assertEquals(expected, browser.text("kpi-registered"));
            assertNotEquals(token, browser.js("return JSON.parse(sessionStorage.getItem('danvan.auth')).accessToken"), "a refreshed token");

            browser.driver.findElement(By.id("logout")).click();
            browser.visible("login", 30);
            assertEquals("Bạn đã đăng xuất.", browser.text("login-message"));
            // The SSO session is over: signing in again asks for the password.
            browser.driver.findElement(By.id("login")).click();
            browser.visible("username", 30);
        }
    }

    @Test
    void anEditorOfBinhLucDoesNotSeeLyNhan() {
        String base = platform.reportingService();
        try (Browser browser = Browser.open()) {
            browser.login(base, "editor-binhluc");
            assertEquals("Huyện ủy Bình Lục", browser.text("unit-title"));
            assertEquals("Biên tập", browser.text("user-role"));
            assertFalse(browser.driver.findElement(By.id("dashboard")).getText().contains("Lý Nhân"),
                    "nothing of Lý Nhân on Bình Lục's dashboard");

            // Asking for Lý Nhân by the address: the API answers 403 and the page says so in Vietnamese.
            given().baseUri(base).auth().oauth2(platform.token("editor-binhluc"))
                    .queryParam("unitId", LY_NHAN).queryParam("period", "2023")
                    .when().get("/api/dashboard/summary").then().statusCode(403);
            browser.driver.get(base + "/#unit=" + LY_NHAN + "&period=2023");
            browser.driver.navigate().refresh();
            browser.waitLoaded(30);
            browser.waiting(20).until(d -> d.findElement(By.id("error")).isDisplayed());
            assertTrue(browser.text("error").contains("không có quyền"), browser.text("error"));
            assertEquals("–", browser.text("kpi-registered"));
            assertFalse(browser.driver.findElement(By.id("child-table")).getText().contains("Hòa Hậu"));
            browser.screenshot("forbidden-laptop", 1366, 900, false);

            // Back to the own unit through the breadcrumb.
            browser.driver.findElement(By.cssSelector("#breadcrumb button")).click();
            browser.waiting(20).until(d -> "Huyện ủy Bình Lục".equals(d.findElement(By.id("unit-title")).getText().trim())
                    && !d.findElement(By.id("error")).isDisplayed());

            // A session Keycloak no longer knows (refresh refused): a clear message and the login button.
            browser.js("const a = JSON.parse(sessionStorage.getItem('danvan.auth')); a.expiresAt = Date.now() - 1000;"
                    + " a.refreshToken = 'x' + a.refreshToken; sessionStorage.setItem('danvan.auth', JSON.stringify(a));");
            browser.driver.navigate().refresh();
            browser.visible("login", 30);
            assertTrue(browser.text("login-message").contains("hết hạn"), browser.text("login-message"));
        }
    }

    /** A 2023 coordination plan of Lý Nhân's mass-mobilization board, signed and reviewed at mid-year (as admin). */
    private static String signedAndReviewedPlan() {
        String admin = platform.token("admin");
        String title = "Kế hoạch phối hợp thực hiện Quy chế dân chủ ở cơ sở năm 2023";
        ExtractableResponse<Response> created = given().baseUri(platform.planService()).auth().oauth2(admin)
                .contentType(ContentType.JSON).body("""
                        {"title": "%s", "documentNumber": "07-KHPH/BDV-UBND-MTTQ", "ownerUnitId": "%s",
                         "partnerUnitIds": ["%s", "%s"], "year": 2023, "startDate": "2023-01-01", "endDate": "2023-12-31",
                         "tasks": [{"title": "Đối thoại trực tiếp với nhân dân", "responsibleUnitId": "%s"},
                                   {"title": "Nhân rộng mô hình dân vận khéo", "responsibleUnitId": "%s"},
                                   {"title": "Giám sát thực hiện quy chế dân chủ", "responsibleUnitId": "%s"}]}"""
                        .formatted(title, BOARD, PEOPLES_COMMITTEE, FRONT, PEOPLES_COMMITTEE, BOARD, FRONT))
                .when().post("/api/plans").then().statusCode(201).extract();
        String id = created.path("id");
        List<String> tasks = created.path("tasks.id");
        given().baseUri(platform.planService()).auth().oauth2(admin).contentType(ContentType.JSON).body("""
                        {"signedOn": "2023-01-20", "place": "Lý Nhân", "signatories": [
                          {"unitId": "%s", "name": "Trần Văn Bình", "position": "Trưởng Ban Dân vận"},
                          {"unitId": "%s", "name": "Phạm Thị Lan", "position": "Chủ tịch UBND huyện"},
                          {"unitId": "%s", "name": "Ngô Văn Hải", "position": "Chủ tịch Ủy ban MTTQ huyện"}]}"""
                        .formatted(BOARD, PEOPLES_COMMITTEE, FRONT))
                .when().post("/api/plans/" + id + "/signing").then().statusCode(200);
        given().baseUri(platform.planService()).auth().oauth2(admin).contentType(ContentType.JSON).body("""
                        {"kind": "MID_YEAR", "heldOn": "2023-07-10", "summary": "Sơ kết 6 tháng đầu năm", "taskProgress": [
                          {"taskId": "%s", "status": "DONE"}, {"taskId": "%s", "status": "IN_PROGRESS", "note": "3 xã đã nhân rộng"},
                          {"taskId": "%s", "status": "NOT_STARTED"}]}""".formatted(tasks.get(0), tasks.get(1), tasks.get(2)))
                .when().post("/api/plans/" + id + "/reviews").then().statusCode(201);
        await().atMost(Duration.ofSeconds(20)).until(() -> given()
                .baseUri(platform.reportingService()).auth().oauth2(admin).queryParam("unitId", LY_NHAN).queryParam("year", 2023)
                .when().get("/api/reports/plans").then().statusCode(200).extract().<Integer>path("summary.tasks.done") == 1);
        return title;
    }

    private static void choosePeriod(Browser browser, String kind, String year, String quarter) {
        String before = browser.driver.findElement(By.id("dashboard")).getAttribute("data-loaded");
        new Select(browser.driver.findElement(By.id("period-kind"))).selectByValue(kind);
        new Select(browser.driver.findElement(By.id("period-year"))).selectByValue(year);
        if (quarter != null) {
            new Select(browser.driver.findElement(By.id("period-quarter"))).selectByValue(quarter);
        }
        String period = quarter != null ? year + "-Q" + quarter : year;
        browser.waiting(20).until(d -> period.equals(d.findElement(By.id("dashboard")).getAttribute("data-period"))
                && !String.valueOf(before).equals(d.findElement(By.id("dashboard")).getAttribute("data-loaded")));
        browser.waitLoaded(20);
    }

    private static int summaryRegistered(String unit, String period) {
        return given().baseUri(platform.reportingService()).auth().oauth2(platform.token("admin"))
                .queryParam("unitId", unit).queryParam("period", period)
                .when().get("/api/dashboard/summary").then().statusCode(200).extract().path("models.registered");
    }
}
