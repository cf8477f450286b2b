package org.policyalerts.web;

import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.Container;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Tomcat refuses some requests before the application sees them (a malformed percent-encoding, a control
 * character in a header, a request line over its size limit) and answers with its own error valve, in HTML.
 * This valve takes its place: under {@code /api} the answer is a problem document like every other API error,
 * elsewhere Tomcat's plain page without server details, as Spring Boot configures it.
 */
@Configuration(proxyBeanMethods = false)
class TomcatProblems {

    @Bean
    TomcatCustomizer apiErrorReportValve() {
        return new TomcatCustomizer();
    }

    /** Runs after Boot's own customizer, whose error valve it replaces. */
    static final class TomcatCustomizer implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

        @Override
        public void customize(ConfigurableTomcatWebServerFactory factory) {
            factory.addContextCustomizers(context -> replaceErrorValve(context.getParent()));
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }

    private static void replaceErrorValve(Container host) {
        Pipeline pipeline = host.getPipeline();
        for (Valve valve : pipeline.getValves()) {
            if (valve instanceof ErrorReportValve) {
                pipeline.removeValve(valve);
            }
        }
        ProblemValve valve = new ProblemValve();
        valve.setShowReport(false);
        valve.setShowServerInfo(false);
        pipeline.addValve(valve);
        if (host instanceof StandardHost standard) {
            // Otherwise the host adds Tomcat's default valve, with server details, when it starts.
            standard.setErrorReportValveClass(ProblemValve.class.getName());
        }
    }

    static final class ProblemValve extends ErrorReportValve {

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            HttpStatus status = HttpStatus.resolve(response.getStatus());
            if (status == null || !status.isError() || response.getContentWritten() > 0
                    || !ApiRoutingErrors.isApi(request)) {
                super.report(request, response, throwable);
                return;
            }
            try {
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                response.setCharacterEncoding("UTF-8");
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write("{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase()
                            + "\",\"status\":" + status.value() + "}");
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException clientGone) {
                // Nothing more can be said to this client.
            }
        }
    }
}
