namespace Auth.Core.Services;

/// <summary>What <see cref="FirstAdmin.EnsureAsync"/> did.</summary>
public enum FirstAdminOutcome
{
    /// <summary>There already was an admin: nothing was changed.</summary>
    AdminAlreadyExists,
    Created,

    /// <summary>The account existed, the password matched, and it was made admin.</summary>
    Promoted,
}
