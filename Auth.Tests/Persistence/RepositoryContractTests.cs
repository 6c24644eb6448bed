using Auth.Core.Abstractions;
using Auth.Core.Auditing;
using Auth.Core.Tokens;
using Auth.Core.Users;
using Auth.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Tests.Persistence;

/// <summary>
/// What every backend's stores must do, run once per backend in <see cref="Backends.Persistence"/> on a fresh
/// database per fixture (emptied before each test). The EF stores are the reference behaviour.
/// </summary>
[TestFixtureSource(typeof(Backends), nameof(Backends.Persistence))]
public sealed class RepositoryContractTests(string backend) : StoresFixture(backend)
{
    private IUserRepository Users => Resolve<IUserRepository>();
    private IRefreshTokenStore Tokens => Resolve<IRefreshTokenStore>();
    private ISessionStore Sessions => Resolve<ISessionStore>();
    private ILoginThrottleStore Throttles => Resolve<ILoginThrottleStore>();
    private IAuditLog Audit => Resolve<IAuditLog>();

    // UTC, as every caller passes (TimeProvider.GetUtcNow; Npgsql refuses other offsets), and not a round number
    // of microseconds: the stores must keep the instant to the microsecond.
    private static readonly DateTimeOffset T0 = new DateTimeOffset(2026, 11, 22, 7, 30, 15, TimeSpan.Zero).AddTicks(1234567);

    private static void AssertSameInstant(DateTimeOffset? actual, DateTimeOffset expected) =>
        Assert.That(actual?.UtcDateTime, Is.EqualTo(expected.UtcDateTime).Within(TimeSpan.FromTicks(10)), "same instant to the microsecond");

    private static User NewUser(string name, Role role = Role.User) => new()
    {
        Username = name,
        NormalizedUsername = name.ToUpperInvariant(),
        PasswordHash = "$2b$04$" + new string('h', 53),
        Role = role,
        CreatedAt = T0,
    };

    private async Task<User> AddUserAsync(string name, Role role = Role.User)
    {
        var user = NewUser(name, role);
        Assert.That(await Users.TryAddAsync(user), Is.True);
        return user;
    }

    private async Task<RefreshToken> AddTokenAsync(long userId, string family, string hash)
    {
        var token = new RefreshToken
        {
            UserId = userId, FamilyId = family, TokenHash = hash, CreatedAt = T0, ExpiresAt = T0.AddDays(7),
        };
        await Tokens.AddAsync(token);
        return token;
    }

    // ---------------------------------------------------------------- users

    [Test]
    public async Task TryAdd_SetsTheId_AndFindByIdReturnsEveryField()
    {
        var user = await AddUserAsync("Alice", Role.Admin);

        Assert.That(user.Id, Is.GreaterThan(0));
        var found = await Users.FindByIdAsync(user.Id);
        Assert.That(found, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(found!.Id, Is.EqualTo(user.Id));
            Assert.That(found.Username, Is.EqualTo("Alice"));
            Assert.That(found.NormalizedUsername, Is.EqualTo("ALICE"));
            Assert.That(found.PasswordHash, Is.EqualTo(user.PasswordHash));
            Assert.That(found.Role, Is.EqualTo(Role.Admin));
            AssertSameInstant(found.CreatedAt, T0);
        });
    }

    [Test]
    public async Task FindByNormalizedUsername_FindsOnlyTheExactNormalizedName()
    {
        var user = await AddUserAsync("Bob");

        Assert.That((await Users.FindByNormalizedUsernameAsync("BOB"))?.Id, Is.EqualTo(user.Id));
        Assert.That(await Users.FindByNormalizedUsernameAsync("BOBBY"), Is.Null);
        Assert.That(await Users.FindByIdAsync(user.Id + 1000), Is.Null);
    }

    [Test]
    public async Task TryAdd_WithATakenNormalizedUsername_ReturnsFalse_AndKeepsTheFirstAccount()
    {
        var first = await AddUserAsync("carol");

        var second = NewUser("CAROL");
        second.PasswordHash = "other";
        Assert.That(await Users.TryAddAsync(second), Is.False);

        var stored = await Stores.Database.ScalarAsync<int>($"SELECT COUNT(*) FROM users WHERE normalized_username = {"CAROL"}");
        Assert.That(stored, Is.EqualTo(1));
        Assert.That((await Users.FindByNormalizedUsernameAsync("CAROL"))!.Id, Is.EqualTo(first.Id));
        // The store is still usable after the violation.
        Assert.That(await Users.TryAddAsync(NewUser("dave")), Is.True);
    }

    [Test]
    public async Task List_PagesByIdAscending_WithTheTotal()
    {
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
            ids.Add((await AddUserAsync($"user{i}")).Id);

        var page1 = await Users.ListAsync(1, 2);
        var page3 = await Users.ListAsync(3, 2);
        var beyond = await Users.ListAsync(4, 2);

        Assert.Multiple(() =>
        {
            Assert.That(page1.Items.Select(u => u.Id), Is.EqualTo(ids.Take(2)));
            Assert.That(page1.Total, Is.EqualTo(5));
            Assert.That((page1.Number, page1.Size), Is.EqualTo((1, 2)));
            Assert.That(page3.Items.Select(u => u.Username), Is.EqualTo(new[] { "user4" }));
            Assert.That(beyond.Items, Is.Empty);
            Assert.That(beyond.Total, Is.EqualTo(5));
        });
    }

    [Test]
    public async Task List_OfAPageFarBeyondTheEnd_IsEmpty_NotAnOverflow()
    {
        await AddUserAsync("zed");
        await Audit.WriteAsync(new AuditEvent { OccurredAt = T0, Type = AuditEventTypes.SignUp, Username = "zed" });

        var users = await Users.ListAsync(int.MaxValue, 100);
        var events = await Audit.ListAsync(int.MaxValue, 100);

        Assert.That((users.Items.Count, users.Total, events.Items.Count, events.Total), Is.EqualTo((0, 1, 0, 1)));
    }

    [Test]
    public async Task CountWithRole_CountsEveryUserHoldingTheFlag()
    {
        await AddUserAsync("g", Role.Guest);
        await AddUserAsync("u", Role.User);
        await AddUserAsync("a1", Role.Admin);
        await AddUserAsync("a2", Role.User | Role.Admin);

        Assert.Multiple(async () =>
        {
            Assert.That(await Users.CountWithRoleAsync(Role.Admin), Is.EqualTo(2));
            Assert.That(await Users.CountWithRoleAsync(Role.User), Is.EqualTo(2));
            Assert.That(await Users.CountWithRoleAsync(Role.Guest), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task UpdateRole_StoresTheRole_AndReportsWhetherTheUserExists()
    {
        var user = await AddUserAsync("erin");

        Assert.That(await Users.UpdateRoleAsync(user.Id, Role.Admin), Is.EqualTo(AdminGuardedWrite.Done));
        Assert.That(await Users.UpdateRoleAsync(user.Id, Role.Admin), Is.EqualTo(AdminGuardedWrite.Done), "same value again: the user still exists");
        Assert.That(await Users.UpdateRoleAsync(user.Id + 1000, Role.Admin), Is.EqualTo(AdminGuardedWrite.NotFound));
        Assert.That(await Stores.Database.ScalarAsync<int>($"SELECT role FROM users WHERE id = {user.Id}"), Is.EqualTo(4));
    }

    [Test]
    public async Task UpdateRole_RefusesToDemoteTheOnlyAdmin_AndAllowsItOnceAnotherAdminExists()
    {
        var only = await AddUserAsync("root", Role.Admin);
        await AddUserAsync("plain");

        Assert.That(await Users.UpdateRoleAsync(only.Id, Role.User), Is.EqualTo(AdminGuardedWrite.LastAdmin));
        Assert.That(await Users.UpdateRoleAsync(only.Id, Role.User | Role.Admin), Is.EqualTo(AdminGuardedWrite.Done),
            "a role that keeps the admin flag is allowed");
        Assert.That(await Stores.Database.ScalarAsync<int>($"SELECT role FROM users WHERE id = {only.Id}"), Is.EqualTo(6));

        await AddUserAsync("second", Role.Admin);
        Assert.That(await Users.UpdateRoleAsync(only.Id, Role.Guest), Is.EqualTo(AdminGuardedWrite.Done));
        Assert.That(await Users.CountWithRoleAsync(Role.Admin), Is.EqualTo(1));
    }

    [Test]
    public async Task Delete_RefusesToDeleteTheOnlyAdmin_AndAllowsItOnceAnotherAdminExists()
    {
        var only = await AddUserAsync("root", Role.Admin);
        await AddTokenAsync(only.Id, "fam-root", "hash-root");

        Assert.That(await Users.DeleteAsync(only.Id), Is.EqualTo(AdminGuardedWrite.LastAdmin));
        Assert.Multiple(async () =>
        {
            Assert.That(await Users.FindByIdAsync(only.Id), Is.Not.Null, "refused: the row stays");
            Assert.That(await Tokens.FindByHashAsync("hash-root"), Is.Not.Null, "and so do its tokens");
        });

        await AddUserAsync("second", Role.Admin);
        Assert.That(await Users.DeleteAsync(only.Id), Is.EqualTo(AdminGuardedWrite.Done));
        Assert.That(await Users.CountWithRoleAsync(Role.Admin), Is.EqualTo(1));
    }

    /// <summary>
    /// Starts two guarded writes at the same instant, each through its own scope (its own connection and, on EF, its
    /// own context), as two requests would, and returns what each did.
    /// </summary>
    private async Task<AdminGuardedWrite[]> RaceAsync(
        Func<IUserRepository, Task<AdminGuardedWrite>> first, Func<IUserRepository, Task<AdminGuardedWrite>> second)
    {
        await using var scopeA = Stores.CreateScope();
        await using var scopeB = Stores.CreateScope();
        using var start = new Barrier(2);
        Task<AdminGuardedWrite> Run(AsyncServiceScope scope, Func<IUserRepository, Task<AdminGuardedWrite>> write)
        {
            var users = scope.ServiceProvider.GetRequiredService<IUserRepository>();
            return Task.Run(async () => { start.SignalAndWait(); return await write(users); });
        }
        return await Task.WhenAll(Run(scopeA, first), Run(scopeB, second));
    }

    /// <summary>
    /// Two admins remove each other's admin role at the same instant, many times over: every time exactly one of them
    /// is refused, and one admin is left. Counting and then writing outside one locked transaction lets both through.
    /// </summary>
    [Test]
    public async Task TwoAdminsDemotingEachOtherAtOnce_OneIsRefused_AndAnAdminRemains()
    {
        var a = await AddUserAsync("admin_a", Role.Admin);
        var b = await AddUserAsync("admin_b", Role.Admin);

        for (var round = 0; round < 25; round++)
        {
            var results = await RaceAsync(
                users => users.UpdateRoleAsync(b.Id, Role.User),
                users => users.UpdateRoleAsync(a.Id, Role.User));

            Assert.That(results, Is.EquivalentTo(new[] { AdminGuardedWrite.Done, AdminGuardedWrite.LastAdmin }), $"round {round}");
            Assert.That(await Users.CountWithRoleAsync(Role.Admin), Is.EqualTo(1), $"round {round}");
            // Whoever was demoted becomes admin again for the next round.
            var demoted = results[0] == AdminGuardedWrite.Done ? b : a;
            Assert.That(await Users.UpdateRoleAsync(demoted.Id, Role.Admin), Is.EqualTo(AdminGuardedWrite.Done));
        }
    }

    /// <summary>The same race between a delete and a demotion.</summary>
    [Test]
    public async Task AnAdminDeletedWhileTheOtherIsDemoted_OneIsRefused_AndAnAdminRemains()
    {
        for (var round = 0; round < 10; round++)
        {
            var a = await AddUserAsync($"del_a{round}", Role.Admin);
            var b = await AddUserAsync($"del_b{round}", Role.Admin);
            var results = await RaceAsync(
                users => users.DeleteAsync(a.Id),
                users => users.UpdateRoleAsync(b.Id, Role.User));

            Assert.That(results, Is.EquivalentTo(new[] { AdminGuardedWrite.Done, AdminGuardedWrite.LastAdmin }), $"round {round}");
            Assert.That(await Users.CountWithRoleAsync(Role.Admin), Is.EqualTo(1), $"round {round}");
            await Stores.ClearAsync();
        }
    }

    [Test]
    public async Task UpdatePasswordHash_StoresTheHash_AndReportsWhetherTheUserExists()
    {
        var user = await AddUserAsync("frank");

        Assert.That(await Users.UpdatePasswordHashAsync(user.Id, "$2b$10$new"), Is.True);
        Assert.That(await Users.UpdatePasswordHashAsync(user.Id + 1000, "x"), Is.False);
        Assert.That((await Users.FindByIdAsync(user.Id))!.PasswordHash, Is.EqualTo("$2b$10$new"));
    }

    [Test]
    public async Task Delete_RemovesTheUserAndTheirRefreshTokens_OnlyTheirs()
    {
        var gone = await AddUserAsync("gina");
        var kept = await AddUserAsync("hank");
        await AddTokenAsync(gone.Id, "fam-gina", "hash-gina");
        await AddTokenAsync(kept.Id, "fam-hank", "hash-hank");

        Assert.That(await Users.DeleteAsync(gone.Id), Is.EqualTo(AdminGuardedWrite.Done));
        Assert.That(await Users.DeleteAsync(gone.Id), Is.EqualTo(AdminGuardedWrite.NotFound), "already gone");

        Assert.Multiple(async () =>
        {
            Assert.That(await Users.FindByIdAsync(gone.Id), Is.Null);
            Assert.That(await Tokens.FindByHashAsync("hash-gina"), Is.Null, "cascade delete");
            Assert.That(await Tokens.FindByHashAsync("hash-hank"), Is.Not.Null);
            Assert.That(await Users.FindByIdAsync(kept.Id), Is.Not.Null);
        });
    }

    // ---------------------------------------------------------------- refresh tokens

    [Test]
    public async Task AddToken_SetsTheId_AndFindByHashReturnsEveryField()
    {
        var user = await AddUserAsync("ivy");
        var token = await AddTokenAsync(user.Id, "family-1", "hash-1");

        Assert.That(token.Id, Is.GreaterThan(0));
        var found = await Tokens.FindByHashAsync("hash-1");
        Assert.That(found, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(found!.Id, Is.EqualTo(token.Id));
            Assert.That(found.UserId, Is.EqualTo(user.Id));
            Assert.That(found.FamilyId, Is.EqualTo("family-1"));
            Assert.That(found.TokenHash, Is.EqualTo("hash-1"));
            AssertSameInstant(found.CreatedAt, T0);
            AssertSameInstant(found.ExpiresAt, T0.AddDays(7));
            Assert.That(found.ConsumedAt, Is.Null);
            Assert.That(found.RevokedAt, Is.Null);
        });
        Assert.That(await Tokens.FindByHashAsync("HASH-1"), Is.Null, "hashes compare exactly");
    }

    [Test]
    public async Task TryConsume_SucceedsOnce_ThenReturnsFalse()
    {
        var user = await AddUserAsync("jack");
        var token = await AddTokenAsync(user.Id, "family-2", "hash-2");

        Assert.That(await Tokens.TryConsumeAsync(token.Id, T0.AddMinutes(1)), Is.True);
        Assert.That(await Tokens.TryConsumeAsync(token.Id, T0.AddMinutes(2)), Is.False);
        Assert.That(await Tokens.TryConsumeAsync(token.Id + 1000, T0), Is.False, "unknown token");
        AssertSameInstant((await Tokens.FindByHashAsync("hash-2"))!.ConsumedAt, T0.AddMinutes(1));
    }

    [Test]
    public async Task TryConsume_OfARevokedToken_ReturnsFalse()
    {
        var user = await AddUserAsync("kim");
        var token = await AddTokenAsync(user.Id, "family-3", "hash-3");
        await Sessions.RevokeAsync(user.Id, "family-3", T0);

        Assert.That(await Tokens.TryConsumeAsync(token.Id, T0.AddMinutes(1)), Is.False);
        Assert.That((await Tokens.FindByHashAsync("hash-3"))!.ConsumedAt, Is.Null);
    }

    [Test]
    public async Task TryAdd_TwentySignupsOfOneNameAtOnce_AddsExactlyOne_AndTheRestSeeAConflict()
    {
        // Each in its own scope (its own pooled context), as twenty requests would be; the unique index decides.
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            Stores.InOwnScopeAsync<IUserRepository, bool>(s => s.TryAddAsync(NewUser(i % 2 == 0 ? "zoe" : "ZOE"))))));

        Assert.That(results.Count(added => added), Is.EqualTo(1));
        Assert.That(await Stores.Database.ScalarAsync<int>($"SELECT COUNT(*) FROM users WHERE normalized_username = 'ZOE'"), Is.EqualTo(1));
    }

    [Test]
    public async Task TryConsume_RacingFromSeveralInstances_LetsExactlyOneWin()
    {
        var user = await AddUserAsync("leo");
        var token = await AddTokenAsync(user.Id, "family-4", "hash-4");

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            Stores.InOwnScopeAsync<IRefreshTokenStore, bool>(s => s.TryConsumeAsync(token.Id, T0.AddSeconds(i))))));

        Assert.That(results.Count(won => won), Is.EqualTo(1));
    }

    private async Task<Session> AddSessionAsync(long userId, string id, DateTimeOffset createdAt, DateTimeOffset? expiresAt = null)
    {
        var session = new Session
        {
            Id = id, UserId = userId, CreatedAt = createdAt, LastUsedAt = createdAt, ExpiresAt = expiresAt ?? createdAt.AddDays(7),
            Ip = "203.0.113.5", UserAgent = "Mozilla/5.0 (X11; Linux x86_64) Chrome/156",
        };
        await Sessions.AddAsync(session);
        return session;
    }

    [Test]
    public async Task RevokeSession_EndsThatSessionAndItsTokensOnly_AndKeepsTheFirstRevocationTime()
    {
        var user = await AddUserAsync("mia");
        var other = await AddUserAsync("max");
        await AddSessionAsync(user.Id, "fam-a", T0);
        await AddSessionAsync(user.Id, "fam-b", T0);
        await AddTokenAsync(user.Id, "fam-a", "a1");
        await AddTokenAsync(user.Id, "fam-a", "a2");
        await AddTokenAsync(user.Id, "fam-b", "b1");

        Assert.That(await Sessions.RevokeAsync(other.Id, "fam-a", T0), Is.False, "not someone else's session");
        Assert.That(await Sessions.RevokeAsync(user.Id, "fam-a", T0.AddMinutes(1)), Is.True);
        Assert.That(await Sessions.RevokeAsync(user.Id, "fam-a", T0.AddMinutes(5)), Is.False, "already ended");

        AssertSameInstant((await Sessions.FindAsync("fam-a"))!.RevokedAt, T0.AddMinutes(1));
        AssertSameInstant((await Tokens.FindByHashAsync("a1"))!.RevokedAt, T0.AddMinutes(1));
        AssertSameInstant((await Tokens.FindByHashAsync("a2"))!.RevokedAt, T0.AddMinutes(1));
        Assert.That((await Tokens.FindByHashAsync("b1"))!.RevokedAt, Is.Null);
        Assert.That((await Sessions.FindAsync("fam-b"))!.RevokedAt, Is.Null);
    }

    [Test]
    public async Task RevokeAll_EndsEverySessionOfThatUserButTheOneKept()
    {
        var user = await AddUserAsync("ned");
        var other = await AddUserAsync("ola");
        await AddSessionAsync(user.Id, "fam-c", T0);
        await AddSessionAsync(user.Id, "fam-d", T0);
        await AddSessionAsync(user.Id, "fam-k", T0);
        await AddSessionAsync(other.Id, "fam-e", T0);
        await AddTokenAsync(user.Id, "fam-c", "c1");
        await AddTokenAsync(user.Id, "fam-k", "k1");
        await AddTokenAsync(other.Id, "fam-e", "e1");

        Assert.That(await Sessions.RevokeAllAsync(user.Id, "fam-k", T0.AddHours(1)), Is.EqualTo(2));

        AssertSameInstant((await Tokens.FindByHashAsync("c1"))!.RevokedAt, T0.AddHours(1));
        Assert.That((await Tokens.FindByHashAsync("k1"))!.RevokedAt, Is.Null, "the kept session's token");
        Assert.That((await Tokens.FindByHashAsync("e1"))!.RevokedAt, Is.Null, "another user's");
        Assert.That(await Sessions.RevokeAllAsync(user.Id, null, T0.AddHours(2)), Is.EqualTo(1), "then the kept one too");
        Assert.That((await Sessions.FindAsync("fam-e"))!.RevokedAt, Is.Null);
    }

    [Test]
    public async Task ListActive_IsNewestFirst_WithoutRevokedOrExpiredSessions_AndKeepsEveryField()
    {
        var user = await AddUserAsync("pia");
        await AddSessionAsync(user.Id, "old", T0);
        await AddSessionAsync(user.Id, "new", T0.AddHours(1));
        await AddSessionAsync(user.Id, "expired", T0.AddHours(2), expiresAt: T0.AddHours(3));
        await AddSessionAsync(user.Id, "ended", T0.AddHours(2));
        await Sessions.RevokeAsync(user.Id, "ended", T0.AddHours(2));

        var active = await Sessions.ListActiveAsync(user.Id, T0.AddHours(4));

        Assert.That(active.Select(a => a.Id), Is.EqualTo(new[] { "new", "old" }));
        Assert.That(active[0].UserAgent, Is.EqualTo("Mozilla/5.0 (X11; Linux x86_64) Chrome/156"));
        Assert.That(active[0].Ip, Is.EqualTo("203.0.113.5"));
        AssertSameInstant(active[0].CreatedAt, T0.AddHours(1));
    }

    [Test]
    public async Task Touch_RecordsTheRefresh_UntilTheSessionIsRevoked()
    {
        var user = await AddUserAsync("quin");
        await AddSessionAsync(user.Id, "s1", T0);

        Assert.That(await Sessions.TouchAsync("s1", T0.AddHours(1), T0.AddDays(8), "198.51.100.9", "curl/8"), Is.True);
        var touched = (await Sessions.FindAsync("s1"))!;
        AssertSameInstant(touched.LastUsedAt, T0.AddHours(1));
        AssertSameInstant(touched.ExpiresAt, T0.AddDays(8));
        Assert.That((touched.Ip, touched.UserAgent), Is.EqualTo(("198.51.100.9", "curl/8")));

        await Sessions.RevokeAsync(user.Id, "s1", T0.AddHours(2));
        Assert.That(await Sessions.TouchAsync("s1", T0.AddHours(3), T0.AddDays(9), null, null), Is.False);
    }

    [Test]
    public async Task FindInSession_ReturnsTheAccountOnlyWhileItsOwnSessionIsActive()
    {
        var user = await AddUserAsync("rex");
        var other = await AddUserAsync("sam");
        await AddSessionAsync(user.Id, "mine", T0);
        await AddSessionAsync(other.Id, "theirs", T0);

        Assert.That((await Users.FindInSessionAsync(user.Id, "mine"))?.Username, Is.EqualTo("rex"));
        Assert.That(await Users.FindInSessionAsync(user.Id, "theirs"), Is.Null, "another user's session");
        Assert.That(await Users.FindInSessionAsync(user.Id, "unknown"), Is.Null);
        await Sessions.RevokeAsync(user.Id, "mine", T0);
        Assert.That(await Users.FindInSessionAsync(user.Id, "mine"), Is.Null, "an ended session");
    }

    [Test]
    public async Task DeletingAUser_DeletesTheirSessions()
    {
        var user = await AddUserAsync("tia");
        await AddUserAsync("admin", Role.Admin);
        await AddSessionAsync(user.Id, "gone", T0);

        Assert.That(await Users.DeleteAsync(user.Id), Is.EqualTo(AdminGuardedWrite.Done));

        Assert.That(await Sessions.FindAsync("gone"), Is.Null);
    }

    [Test]
    public async Task UpdateStatus_DisablingTheLastActiveAdmin_IsRefused_AndADisabledAdminDoesNotCount()
    {
        var first = await AddUserAsync("una", Role.Admin);
        var second = await AddUserAsync("vic", Role.Admin);

        Assert.That(await Users.UpdateStatusAsync(second.Id, AccountStatus.Disabled, "left the company"), Is.EqualTo(AdminGuardedWrite.Done));
        Assert.That(await Users.UpdateStatusAsync(first.Id, AccountStatus.Disabled, null), Is.EqualTo(AdminGuardedWrite.LastAdmin));
        Assert.That(await Users.UpdateRoleAsync(first.Id, Role.User), Is.EqualTo(AdminGuardedWrite.LastAdmin), "the disabled admin is no help");
        Assert.That(await Users.UpdateStatusAsync(second.Id, AccountStatus.Active, null), Is.EqualTo(AdminGuardedWrite.Done));

        var stored = (await Users.FindByIdAsync(second.Id))!;
        Assert.That((stored.Status, stored.StatusReason), Is.EqualTo((AccountStatus.Active, (string?)null)));
        Assert.That(await Users.UpdateStatusAsync(first.Id + 1000, AccountStatus.Disabled, null), Is.EqualTo(AdminGuardedWrite.NotFound));
        Assert.That(await Stores.Database.ScalarAsync<string>($"SELECT status FROM users WHERE id = {first.Id}"), Is.EqualTo("active"));
    }

    [Test]
    public async Task ResetCode_SetsAndIsUsableOnce_AndANewCodeVoidsTheOld()
    {
        var user = await AddUserAsync("wes");
        Assert.That(await Users.SetResetCodeAsync(user.Id, "code-hash-1", T0.AddHours(1)), Is.True);
        Assert.That(await Users.SetResetCodeAsync(user.Id, "code-hash-2", T0.AddHours(2)), Is.True);
        var stored = (await Users.FindByIdAsync(user.Id))!;
        Assert.That(stored.ResetCodeHash, Is.EqualTo("code-hash-2"));
        AssertSameInstant(stored.ResetCodeExpiresAt, T0.AddHours(2));

        Assert.That(await Users.TryResetPasswordAsync(user.Id, "code-hash-1", "$2b$04$new"), Is.False, "voided by the newer code");
        Assert.That(await Users.TryResetPasswordAsync(user.Id, "code-hash-2", "$2b$04$new"), Is.True);
        Assert.That(await Users.TryResetPasswordAsync(user.Id, "code-hash-2", "$2b$04$again"), Is.False, "single use");
        var reset = (await Users.FindByIdAsync(user.Id))!;
        Assert.That((reset.PasswordHash, reset.ResetCodeHash, reset.ResetCodeExpiresAt), Is.EqualTo(("$2b$04$new", (string?)null, (DateTimeOffset?)null)));
        Assert.That(await Users.SetResetCodeAsync(user.Id + 1000, "x", T0), Is.False);
    }

    // ---------------------------------------------------------------- login throttles

    [Test]
    public async Task RecordFailure_CreatesTheRow_ThenCountsUp()
    {
        Assert.That(await Throttles.GetAsync("PAT"), Is.Null);

        Assert.That(await Throttles.RecordFailureAsync("PAT", T0), Is.EqualTo(1));
        Assert.That(await Throttles.RecordFailureAsync("PAT", T0.AddSeconds(1)), Is.EqualTo(2));
        Assert.That(await Throttles.RecordFailureAsync("PAT", T0.AddSeconds(2)), Is.EqualTo(3));
        Assert.That(await Throttles.RecordFailureAsync("QUINN", T0), Is.EqualTo(1), "counted per username");

        var stored = await Throttles.GetAsync("PAT");
        Assert.That(stored, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(stored!.NormalizedUsername, Is.EqualTo("PAT"));
            Assert.That(stored.Failures, Is.EqualTo(3));
            AssertSameInstant(stored.LastFailureAt, T0.AddSeconds(2));
            Assert.That(stored.LockedUntil, Is.Null);
        });
    }

    [Test]
    public async Task RecordFailure_FromManyRequestsAtOnce_CountsEveryOne_AndEachSeesItsOwnCount()
    {
        const int attempts = 20;
        var counts = await Task.WhenAll(Enumerable.Range(0, attempts).Select(i => Task.Run(() =>
            Stores.InOwnScopeAsync<ILoginThrottleStore, int>(s => s.RecordFailureAsync("RACE", T0.AddMilliseconds(i))))));

        Assert.That(counts.Order(), Is.EqualTo(Enumerable.Range(1, attempts)), "each failure got its own new count");
        Assert.That((await Throttles.GetAsync("RACE"))!.Failures, Is.EqualTo(attempts));
    }

    [Test]
    public async Task Lock_SetsTheLockAndKeepsCounting()
    {
        await Throttles.RecordFailureAsync("RAY", T0);
        await Throttles.RecordFailureAsync("RAY", T0);

        await Throttles.LockAsync("RAY", T0.AddMinutes(5));

        var locked = await Throttles.GetAsync("RAY");
        Assert.That(locked!.Failures, Is.EqualTo(2));
        AssertSameInstant(locked.LockedUntil, T0.AddMinutes(5));
        Assert.That(await Throttles.RecordFailureAsync("RAY", T0.AddMinutes(1)), Is.EqualTo(3));
        AssertSameInstant((await Throttles.GetAsync("RAY"))!.LockedUntil, T0.AddMinutes(5));
    }

    // ---------------------------------------------------------------- verification slots

    // A whole millisecond, so that the boundaries below are exact on every backend (the stores keep microseconds).
    private static readonly DateTimeOffset S0 = new(2026, 11, 22, 7, 30, 15, 250, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    // As CredentialThrottle asks: failures inside the window and slots inside the lease count.
    private Task<bool> TakeSlotAsync(string name, DateTimeOffset at, int maxChecks = 3, ILoginThrottleStore? store = null) =>
        (store ?? Throttles).TryTakeSlotAsync(name, maxChecks, at, at - Window, at - Lease);

    [Test]
    public async Task TakeSlot_CreatesTheRow_AndGivesOutSlotsUpToTheLimit()
    {
        Assert.That(await TakeSlotAsync("ANN", S0), Is.True);
        Assert.That(await TakeSlotAsync("ANN", S0.AddSeconds(1)), Is.True);
        Assert.That(await TakeSlotAsync("ANN", S0.AddSeconds(2)), Is.True);
        Assert.That(await TakeSlotAsync("ANN", S0.AddSeconds(3)), Is.False, "every slot is held");
        Assert.That(await TakeSlotAsync("BEA", S0), Is.True, "per username");

        var row = await Throttles.GetAsync("ANN");
        Assert.Multiple(() =>
        {
            Assert.That(row!.InFlight, Is.EqualTo(3));
            AssertSameInstant(row.InFlightSince, S0.AddSeconds(2));
            Assert.That(row.Failures, Is.Zero);
            Assert.That(row.LockedUntil, Is.Null);
        });
    }

    [Test]
    public async Task TakeSlot_CountsConfirmedFailuresAndSlotsTogether()
    {
        Assert.That(await TakeSlotAsync("CAL", S0), Is.True);
        Assert.That(await Throttles.RecordFailureAsync("CAL", S0), Is.EqualTo(1));
        Assert.That(await TakeSlotAsync("CAL", S0), Is.True);

        Assert.That(await TakeSlotAsync("CAL", S0), Is.True, "1 failure + 1 slot < 3");
        Assert.That(await TakeSlotAsync("CAL", S0), Is.False, "1 failure + 2 slots");
        await Throttles.ReleaseSlotAsync("CAL", forgetFailures: false);
        Assert.That(await TakeSlotAsync("CAL", S0), Is.True, "a slot given back is free again");
    }

    [Test]
    public async Task TakeSlot_FromManyRequestsAtOnce_GivesOutExactlyTheLimit_EvenWhileTheRowIsBeingCreated()
    {
        var taken = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() =>
            Stores.InOwnScopeAsync<ILoginThrottleStore, bool>(s => TakeSlotAsync("RUSH", S0, maxChecks: 5, s)))));

        Assert.That(taken.Count(t => t), Is.EqualTo(5));
        Assert.That((await Throttles.GetAsync("RUSH"))!.InFlight, Is.EqualTo(5));
    }

    [Test]
    public async Task TakeSlot_IsRefusedUntilTheLockEnds()
    {
        Assert.That(await TakeSlotAsync("DAN", S0), Is.True);
        await Throttles.ReleaseSlotAsync("DAN", forgetFailures: false);
        await Throttles.LockAsync("DAN", S0.AddMinutes(1));

        Assert.That(await TakeSlotAsync("DAN", S0.AddMinutes(1).AddTicks(-10)), Is.False, "a microsecond before the end");
        Assert.That(await TakeSlotAsync("DAN", S0.AddMinutes(1)), Is.True, "at the end");
    }

    [Test]
    public async Task TakeSlot_ForgetsFailuresOnceTheWindowHasPassedSinceTheLastOne()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.That(await TakeSlotAsync("EVE", S0), Is.True);
            await Throttles.RecordFailureAsync("EVE", S0);
        }

        Assert.That(await TakeSlotAsync("EVE", S0 + Window - TimeSpan.FromTicks(10)), Is.False, "3 failures inside the window");
        Assert.That(await TakeSlotAsync("EVE", S0 + Window), Is.True, "the window has passed");
        Assert.That((await Throttles.GetAsync("EVE"))!.Failures, Is.Zero, "forgotten, so the next failure is the first");
        Assert.That(await Throttles.RecordFailureAsync("EVE", S0 + Window), Is.EqualTo(1));
    }

    [Test]
    public async Task TakeSlot_TreatsSlotsNotGivenBackWithinTheLease_AsVoid()
    {
        // An instance took every slot and crashed.
        for (var i = 0; i < 3; i++)
            Assert.That(await TakeSlotAsync("FAY", S0), Is.True);

        Assert.That(await TakeSlotAsync("FAY", S0 + Lease - TimeSpan.FromTicks(10)), Is.False, "still inside the lease");
        Assert.That(await TakeSlotAsync("FAY", S0 + Lease), Is.True, "the lease has run out");

        var row = await Throttles.GetAsync("FAY");
        Assert.That(row!.InFlight, Is.EqualTo(1), "the void slots are gone, the new one counts");
        AssertSameInstant(row.InFlightSince, S0 + Lease);
    }

    [Test]
    public async Task TakeSlot_KeepsTheNewestSlotTime_WhenAnOlderClockReadingArrivesLate()
    {
        Assert.That(await TakeSlotAsync("GIL", S0.AddSeconds(5)), Is.True);
        Assert.That(await TakeSlotAsync("GIL", S0), Is.True);

        AssertSameInstant((await Throttles.GetAsync("GIL"))!.InFlightSince, S0.AddSeconds(5));
    }

    [Test]
    public async Task ReleaseSlot_AfterASuccess_ForgetsFailuresAndLock_ButKeepsOtherSlots()
    {
        Assert.That(await TakeSlotAsync("HAL", S0), Is.True);
        await Throttles.RecordFailureAsync("HAL", S0);
        Assert.That(await TakeSlotAsync("HAL", S0), Is.True);
        Assert.That(await TakeSlotAsync("HAL", S0), Is.True);
        await Throttles.LockAsync("HAL", S0.AddMinutes(5));

        await Throttles.ReleaseSlotAsync("HAL", forgetFailures: true);

        var row = await Throttles.GetAsync("HAL");
        Assert.Multiple(() =>
        {
            Assert.That(row!.InFlight, Is.EqualTo(1));
            Assert.That(row.Failures, Is.Zero);
            Assert.That(row.LastFailureAt, Is.Null);
            Assert.That(row.LockedUntil, Is.Null);
        });
    }

    [Test]
    public async Task ReleaseSlot_NeverGoesBelowZero()
    {
        Assert.That(await TakeSlotAsync("IDA", S0), Is.True);

        await Throttles.ReleaseSlotAsync("IDA", forgetFailures: false);
        await Throttles.ReleaseSlotAsync("IDA", forgetFailures: false);
        await Throttles.ReleaseSlotAsync("NOBODY", forgetFailures: true);

        Assert.That((await Throttles.GetAsync("IDA"))!.InFlight, Is.Zero);
        Assert.That(await Throttles.GetAsync("NOBODY"), Is.Null);
    }

    [Test]
    public async Task RecordFailure_GivesBackTheSlotOfTheFailedCheck()
    {
        Assert.That(await TakeSlotAsync("JON", S0), Is.True);
        Assert.That(await TakeSlotAsync("JON", S0), Is.True);

        Assert.That(await Throttles.RecordFailureAsync("JON", S0.AddSeconds(1)), Is.EqualTo(1));

        var row = await Throttles.GetAsync("JON");
        Assert.That(row!.InFlight, Is.EqualTo(1));
        AssertSameInstant(row.LastFailureAt, S0.AddSeconds(1));
    }

    // ---------------------------------------------------------------- audit log

    [Test]
    public async Task AuditWrite_SetsTheId_AndListReturnsNewestFirstWithEveryField()
    {
        var first = new AuditEvent
        {
            OccurredAt = T0, Type = AuditEventTypes.RoleChanged, UserId = 7, Username = "uma", ActorId = 1,
            Detail = "user -> admin", ClientIp = "2001:db8::1",
        };
        await Audit.WriteAsync(first);
        for (var i = 1; i <= 4; i++)
            await Audit.WriteAsync(new AuditEvent { OccurredAt = T0.AddSeconds(i), Type = AuditEventTypes.LoginFailed, Username = $"x{i}" });

        var newest = await Audit.ListAsync(1, 2);
        var last = await Audit.ListAsync(3, 2);

        Assert.That(first.Id, Is.GreaterThan(0));
        Assert.Multiple(() =>
        {
            Assert.That(newest.Items.Select(e => e.Username), Is.EqualTo(new[] { "x4", "x3" }));
            Assert.That(newest.Total, Is.EqualTo(5));
            Assert.That(newest.Items[0].UserId, Is.Null);
            Assert.That(last.Items, Has.Count.EqualTo(1));
        });
        var oldest = last.Items.Single();
        Assert.Multiple(() =>
        {
            Assert.That(oldest.Id, Is.EqualTo(first.Id));
            AssertSameInstant(oldest.OccurredAt, T0);
            Assert.That(oldest.Type, Is.EqualTo(AuditEventTypes.RoleChanged));
            Assert.That((oldest.UserId, oldest.ActorId), Is.EqualTo(((long?)7, (long?)1)));
            Assert.That(oldest.Username, Is.EqualTo("uma"));
            Assert.That(oldest.Detail, Is.EqualTo("user -> admin"));
            Assert.That(oldest.ClientIp, Is.EqualTo("2001:db8::1"));
        });
    }
}
