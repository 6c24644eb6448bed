namespace Auth.Api.Contracts;

public sealed record AuditEventResponse(
    long Id, DateTimeOffset OccurredAt, string Type, long? UserId, string? Username, long? ActorId, string? Detail, string? ClientIp);
