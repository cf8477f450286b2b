package org.policyalerts.dev;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/** Matches when the property has no value: the embedded dev services stand in for unset ones. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Conditional(ConditionalOnUnset.Unset.class)
@interface ConditionalOnUnset {

    String value();

    class Unset implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String name = (String) metadata.getAnnotationAttributes(ConditionalOnUnset.class.getName()).get("value");
            return !StringUtils.hasText(context.getEnvironment().getProperty(name));
        }
    }
}
