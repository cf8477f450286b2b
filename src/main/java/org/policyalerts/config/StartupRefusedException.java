package org.policyalerts.config;

/** The service will not start as configured: {@link #problem()} says why and {@link #action()} what to do. */
class StartupRefusedException extends IllegalStateException {

    private final String problem;
    private final String action;

    StartupRefusedException(String problem, String action) {
        super(problem + "\n" + action);
        this.problem = problem;
        this.action = action;
    }

    String problem() {
        return problem;
    }

    String action() {
        return action;
    }
}
