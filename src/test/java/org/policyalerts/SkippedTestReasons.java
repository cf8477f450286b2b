package org.policyalerts;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Surefire's console says only "Skipped: 1". This prints which test did not run and why (a disabled test's
 * reason, or a failed assumption's message), so that a test skipped for want of a browser is seen in the build
 * output. Registered in META-INF/services, so it runs for every test of {@code ./mvnw verify}.
 */
public class SkippedTestReasons implements TestExecutionListener {

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        report(test, reason);
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
            report(test, result.getThrowable().map(Throwable::getMessage).orElse("an assumption was not met"));
        }
    }

    private static void report(TestIdentifier test, String reason) {
        String name = test.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                .map(m -> m.getClassName() + "." + m.getMethodName()).orElse(test.getDisplayName());
        System.out.println("[SKIPPED] " + name + ": " + reason);
    }
}
