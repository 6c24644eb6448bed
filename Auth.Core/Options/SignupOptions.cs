namespace Auth.Core.Options;

/// <summary>Configuration section <c>Signup</c>.</summary>
public sealed class SignupOptions
{
    public const string Section = "Signup";
    public const string Open = "open";
    public const string Closed = "closed";

    /// <summary><c>open</c> (the default): anyone may sign up; <c>closed</c>: only admins create accounts.</summary>
    public string Mode { get; set; } = Open;

    public bool IsOpen => Mode == Open;
}
