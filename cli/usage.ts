// A mistake in the command line or its configuration: reported as `error: ...` and exit code 2.

export class UsageError extends Error {}
