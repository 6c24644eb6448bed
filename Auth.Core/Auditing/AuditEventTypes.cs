namespace Auth.Core.Auditing;

/// <summary>The kinds of security event.</summary>
public static class AuditEventTypes
{
    public const string SignUp = "signup";
    public const string LoginSucceeded = "login.succeeded";
    public const string LoginFailed = "login.failed";
    public const string LockedOut = "login.locked_out";
    public const string RefreshReused = "refresh.reused";
    public const string Logout = "logout";
    public const string RoleChanged = "user.role_changed";
    public const string UserCreated = "user.created";
    public const string UserDeleted = "user.deleted";
    public const string UserDisabled = "user.disabled";
    public const string UserEnabled = "user.enabled";
    public const string PasswordChanged = "password.changed";
    public const string PasswordResetIssued = "password.reset_issued";
    public const string PasswordReset = "password.reset";
    public const string SessionRevoked = "session.revoked";
    public const string SessionsRevokedAll = "sessions.revoked_all";
    public const string KeyCreated = "key.created";
    public const string KeyActivated = "key.activated";
    public const string KeyRetired = "key.retired";
}
