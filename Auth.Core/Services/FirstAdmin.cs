using Auth.Core.Abstractions;
using Auth.Core.Common;
using Auth.Core.Users;

namespace Auth.Core.Services;

/// <summary>
/// Makes the operator's configured account the first admin, only while there is no admin at all. An existing account
/// of that name is promoted only when the configured password is its password, so whoever signed up first with that
/// name does not become admin.
/// </summary>
public sealed class FirstAdmin(
    IUserRepository users, IUserAdministration administration, IPasswordHasher hasher)
{
    public const string PasswordMismatchMessage =
        "An account with that username exists and the configured password is not its password: it was not made admin.";

    public async Task<Result<FirstAdminOutcome>> EnsureAsync(string username, string password, CancellationToken ct = default)
    {
        if (await users.CountWithRoleAsync(Role.Admin, ct) > 0)
            return Result<FirstAdminOutcome>.Ok(FirstAdminOutcome.AdminAlreadyExists);

        var outcome = FirstAdminOutcome.Promoted;
        var user = await administration.FindByUsernameAsync(username, ct);
        if (user is null)
        {
            // Created as admin in one step, whatever Signup:Mode says: this is the operator's configuration.
            var created = await administration.CreateAsync(null, username, Role.Admin, password, ct);
            // Conflict: another instance created it a moment ago; it is checked below like any existing account.
            user = created.Succeeded ? created.Value!.User : await administration.FindByUsernameAsync(username, ct);
            if (created.Succeeded)
                outcome = FirstAdminOutcome.Created;
        }
        if (user is null)
            return Result<FirstAdminOutcome>.Fail(Outcome.NotFound, "The account could not be created.");
        if (outcome == FirstAdminOutcome.Promoted && await hasher.VerifyAsync(user.PasswordHash, password, ct) == PasswordVerification.Failed)
            return Result<FirstAdminOutcome>.Fail(Outcome.Conflict, PasswordMismatchMessage);

        var promoted = await administration.ChangeRoleAsync(null, user.Id, Role.Admin, ct);
        return promoted.Succeeded
            ? Result<FirstAdminOutcome>.Ok(outcome)
            : Result<FirstAdminOutcome>.Fail(promoted.Outcome, promoted.Message ?? "The account could not be made admin.");
    }
}
