namespace Auth.Core.Security;

/// <summary>
/// No verification slot of the username came free in time (every one held by checks in flight): the service is
/// overloaded for that name, nothing was checked and nothing counted. A <see cref="TimeoutException"/>, like waiting
/// for a pooled connection, so the API answers 503 with Retry-After rather than 401 or 429.
/// </summary>
public sealed class VerificationSlotTimeoutException(TimeSpan waited)
    : TimeoutException($"No verification slot came free within {waited.TotalSeconds:0.#} s; nothing was checked.");
