namespace Auth.Core.Options;

/// <summary>Configuration section <c>PasswordReset</c>: the one-time codes admins issue.</summary>
public sealed class PasswordResetOptions
{
    public const string Section = "PasswordReset";

    /// <summary>How long a reset code works; 60 by default.</summary>
    public double CodeMinutes { get; set; } = 60;

    public TimeSpan CodeLifetime => TimeSpan.FromMinutes(CodeMinutes);
}
