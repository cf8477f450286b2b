package org.policyalerts.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.util.StringUtils;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every API error is an RFC 9457 problem with a detail a caller can act on; bad input is never a 500.
 * Errors raised before a controller was chosen (unknown path, wrong method) reach it through {@link ApiRoutingErrors}.
 */
@RestControllerAdvice(annotations = RestController.class)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    @ExceptionHandler
    ProblemDetail invalid(InvalidInputException e) {
        return badRequest(e.problems());
    }

    @ExceptionHandler
    ProblemDetail notFound(NotFoundException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    /** A body passing the cap as it streams; Jackson usually wraps it, see below. */
    @ExceptionHandler
    ProblemDetail tooLarge(ApiBodyLimit.TooLarge e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, e.getMessage());
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiBodyLimit.TooLarge tooLarge) {
                return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(tooLarge(tooLarge));
            }
        }
        return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, unreadable(e)));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(badRequest(e.getBindingResult().getFieldErrors().stream()
                .map(f -> f.getField() + " " + f.getDefaultMessage())
                .sorted()
                .toList()));
    }

    /** A constraint on a query parameter, header or body: "limit must be between 1 and 500", not "Validation failure". */
    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<String> problems = new ArrayList<>();
        for (ParameterValidationResult result : e.getParameterValidationResults()) {
            if (result instanceof ParameterErrors errors) {
                errors.getFieldErrors().forEach(f -> problems.add(f.getField() + " " + f.getDefaultMessage()));
            } else {
                String name = name(result.getMethodParameter());
                result.getResolvableErrors().forEach(r -> problems.add(name + " " + r.getDefaultMessage()));
            }
        }
        return ResponseEntity.badRequest().body(badRequest(problems.stream().sorted().toList()));
    }

    /** {@code ?limit=lots}, {@code /api/briefs/abc}: names the parameter and the kind of value it takes. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        Class<?> type = e.getRequiredType();
        String expected = type == int.class || type == long.class || type == Integer.class || type == Long.class
                ? "a whole number" : "a valid " + (type == null ? "value" : type.getSimpleName());
        return ResponseEntity.badRequest().body(badRequest(List.of(e.getPropertyName() + " must be " + expected)));
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "There is no API endpoint at this path; the README lists them."));
    }

    private static ProblemDetail badRequest(List<String> problems) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, String.join("; ", problems));
        problem.setProperty("errors", problems);
        return problem;
    }

    private static String name(MethodParameter parameter) {
        RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
        RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
        PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
        String declared = header != null ? header.name() + header.value()
                : param != null ? param.name() + param.value()
                : path != null ? path.name() + path.value() : "";
        return StringUtils.hasText(declared) ? declared : parameter.getParameterName();
    }

    /** Names the field at fault without echoing the (possibly huge) input back. */
    private static String unreadable(HttpMessageNotReadableException e) {
        if (e.getCause() instanceof DatabindException json) {
            String field = field(json);
            if (field.isEmpty()) {
                return "The request body is JSON of the wrong type: expected an object with the documented fields.";
            }
            if (json instanceof UnrecognizedPropertyException) {
                return "The field '" + field + "' is not one this API knows; check its spelling.";
            }
            if (json instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
                return "The field '" + field + "' " + expected(mismatch.getTargetType()) + ".";
            }
            return "The field '" + field + "' has a value of the wrong type or format.";
        }
        if (e.getCause() instanceof JacksonException) {
            return "The request body is not valid JSON.";
        }
        return "The request body is missing or is not valid JSON.";
    }

    private static String field(DatabindException json) {
        return json.getPath().stream()
                .map(r -> r.getPropertyName() != null ? "." + r.getPropertyName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining())
                .replaceFirst("^\\.", "");
    }

    private static String expected(Class<?> type) {
        if (type == String.class) {
            return "must be a JSON string";
        }
        if (type == Instant.class) {
            return "must be an ISO-8601 date-time string such as 2026-11-27T10:00:00Z";
        }
        if (Iterable.class.isAssignableFrom(type) || type.isArray()) {
            return "must be a JSON array";
        }
        return "has a value of the wrong type or format";
    }
}
