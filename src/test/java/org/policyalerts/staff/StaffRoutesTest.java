package org.policyalerts.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.policyalerts.Http;
import org.policyalerts.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every /admin route any feature maps, found in the handler mapping (so routes added later are covered without
 * touching this test), against the rules of issue 7: signed-out visitors go to /login; an EDITOR is refused (403)
 * exactly on the ADMIN-only paths; an ADMIN is refused nowhere. The rules are written out here on their own, not
 * taken from SecurityConfiguration, so that a wrong rule there fails here.
 */
class StaffRoutesTest extends IntegrationTest {

    private static final List<Pattern> ADMIN_ONLY = List.of(
            Pattern.compile("/admin/staff(/.*)?"),
            Pattern.compile("/admin/audit(/.*)?"),
            Pattern.compile("/admin/taxonomy(/.*)?"),
            Pattern.compile("/admin/api-tokens(/.*)?"),
            Pattern.compile("/admin/subscribers/export"),
            Pattern.compile("/admin/subscribers/import(/.*)?"),
            Pattern.compile("/admin/subscribers/[^/]+/erase"),
            Pattern.compile("/admin/subscribers/[^/]+/suppression"));

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    record Route(RequestMethod method, String path) {
        boolean adminOnly() {
            return ADMIN_ONLY.stream().anyMatch(p -> p.matcher(path).matches());
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    @Test
    void everyAdminRouteIsGuardedByItsRole() {
        List<Route> routes = adminRoutes();
        assertThat(routes).as("the routes of this branch are found").contains(
                new Route(RequestMethod.GET, "/admin"), new Route(RequestMethod.GET, "/admin/staff"),
                new Route(RequestMethod.POST, "/admin/staff/1/role"), new Route(RequestMethod.GET, "/admin/audit"),
                new Route(RequestMethod.POST, "/admin/api-tokens"));
        StaffFixture.editor(jdbc, "ed@example.org");
        StaffFixture.admin(jdbc, "boss@example.org");
        Http anonymous = new Http(port);
        String anonymousCsrf = StaffFixture.csrf(anonymous);
        Http editor = StaffFixture.signIn(port, "ed@example.org");
        String editorCsrf = StaffFixture.csrf(editor);
        Http admin = StaffFixture.signIn(port, "boss@example.org");
        String adminCsrf = StaffFixture.csrf(admin);

        SoftAssertions softly = new SoftAssertions();
        for (Route route : routes) {
            Http.Response signedOut = call(anonymous, route, anonymousCsrf);
            softly.assertThat(signedOut.status()).as("signed out: " + route).isEqualTo(302);
            softly.assertThat(signedOut.header("Location")).as("signed out: " + route).endsWith("/login");

            Http.Response asEditor = call(editor, route, editorCsrf);
            if (route.adminOnly()) {
                softly.assertThat(asEditor.status()).as("editor on admin route " + route).isEqualTo(403);
            } else {
                softly.assertThat(asEditor.status()).as("editor on editor route " + route).isNotEqualTo(403);
                softly.assertThat(asEditor.header("Location")).as("editor on editor route " + route)
                        .satisfiesAnyOf(l -> assertThat(l).isNull(), l -> assertThat(l).doesNotEndWith("/login"));
            }
        }
        for (Route route : routes) {
            if (route.adminOnly() && route.method() == RequestMethod.GET) {
                softly.assertThat(call(admin, route, adminCsrf).status()).as("admin on " + route).isNotEqualTo(403);
            }
        }
        softly.assertAll();
    }

    /** Every route springdoc maps (found in the handler mapping, so a format it adds later is covered too). */
    @Test
    void everyApiDescriptionRouteIsForSignedInStaffOnly() {
        List<String> paths = new ArrayList<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            if (handler.getBeanType().getName().startsWith("org.springdoc.")) {
                info.getPatternValues().forEach(p -> paths.add(p.replaceAll("\\{[^}]+}", "x")));
            }
        });
        assertThat(paths).as("springdoc's routes are found").contains("/v3/api-docs", "/v3/api-docs.yaml");
        Http anonymous = new Http(port);
        SoftAssertions softly = new SoftAssertions();
        for (String path : paths) {
            Http.Response response = anonymous.get(path);
            softly.assertThat(response.status()).as("signed out: " + path).isEqualTo(302);
            softly.assertThat(response.header("Location")).as("signed out: " + path).endsWith("/login");
        }
        softly.assertAll();
    }

    private List<Route> adminRoutes() {
        List<Route> routes = new ArrayList<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (!pattern.equals("/admin") && !pattern.startsWith("/admin/")) {
                    continue;
                }
                String path = pattern.replaceAll("\\{[^}]+}", "1");
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    routes.add(new Route(method, path));
                }
            }
        }
        return routes;
    }

    private static Http.Response call(Http http, Route route, String csrf) {
        return switch (route.method()) {
            case GET, HEAD -> http.get(route.path());
            // staff pages post forms; a route of another verb is still checked by security before dispatch
            default -> http.post(route.path(), "application/x-www-form-urlencoded", "_csrf=" + csrf);
        };
    }
}
