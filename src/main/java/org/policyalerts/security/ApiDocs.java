package org.policyalerts.security;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description of /api/** (springdoc builds the paths from the controllers). Every operation needs the
 * bearer token: ALERTS_API_TOKEN or a named token from /admin/api-tokens. The description itself and Swagger UI are
 * served only to signed-in staff (staffChain).
 */
@Configuration(proxyBeanMethods = false)
class ApiDocs {

    static final String BEARER = "bearerToken";

    @Bean
    OpenAPI openApi() {
        return new OpenAPI()
                .info(new Info().title("Policy alerts staff API").version("1")
                        .description("Briefs in, send runs out. Authenticate with 'Authorization: Bearer <token>'."))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("ALERTS_API_TOKEN, or a named token an admin created at /admin/api-tokens")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }
}
