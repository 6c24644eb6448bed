namespace Auth.Api.Contracts;

// Nullable so that a missing or null field reaches the validator (a clear 400), not the binder.
public sealed record SetStatusRequest(string? Status, string? Reason);
