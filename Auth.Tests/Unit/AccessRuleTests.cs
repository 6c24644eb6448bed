using System.Security.Claims;
using Auth.Api.Authentication;
using Auth.Api.Authorization;
using Auth.Core.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace Auth.Tests.Unit;

/// <summary>The bitmask table of api.md, cell by cell, through the rule and through the handler.</summary>
public sealed class AccessRuleTests
{
    /// <summary>api.md's table: (role, access level, allowed), every cell.</summary>
    private static readonly object[] BitmaskTable =
    [
        new object[] { Role.Guest, AccessLevel.Guest, true },
        new object[] { Role.Guest, AccessLevel.User, false },
        new object[] { Role.Guest, AccessLevel.Admin, false },
        new object[] { Role.User, AccessLevel.Guest, true },
        new object[] { Role.User, AccessLevel.User, true },
        new object[] { Role.User, AccessLevel.Admin, false },
        new object[] { Role.Admin, AccessLevel.Guest, true },
        new object[] { Role.Admin, AccessLevel.User, true },
        new object[] { Role.Admin, AccessLevel.Admin, true },
    ];

    [TestCaseSource(nameof(BitmaskTable))]
    public void Allows_FollowsTheBitmaskTable(Role role, AccessLevel level, bool allowed)
    {
        Assert.That(level.Allows(role), Is.EqualTo(allowed));
    }

    [Test]
    public void TheMasksAreTheDocumentedNumbers()
    {
        Assert.Multiple(() =>
        {
            Assert.That((int)Role.Guest, Is.EqualTo(1));
            Assert.That((int)Role.User, Is.EqualTo(2));
            Assert.That((int)Role.Admin, Is.EqualTo(4));
            Assert.That((int)AccessLevel.Guest, Is.EqualTo(7));
            Assert.That((int)AccessLevel.User, Is.EqualTo(6));
            Assert.That((int)AccessLevel.Admin, Is.EqualTo(4));
        });
    }

    [TestCase(Role.Guest, "guest")]
    [TestCase(Role.User, "user")]
    [TestCase(Role.Admin, "admin")]
    [TestCase(Role.User | Role.Admin, "admin")]
    public void ToName_GivesTheLowerCaseName(Role role, string name) => Assert.That(role.ToName(), Is.EqualTo(name));

    [TestCase("admin", true, Role.Admin)]
    [TestCase("User", true, Role.User)]
    [TestCase("4", false, Role.None)]
    [TestCase("root", false, Role.None)]
    [TestCase(null, false, Role.None)]
    public void TryParse_AcceptsOnlyTheThreeNames(string? name, bool ok, Role expected)
    {
        Assert.That(Roles.TryParse(name, out var role), Is.EqualTo(ok));
        Assert.That(role, Is.EqualTo(expected));
    }

    [TestCaseSource(nameof(BitmaskTable))]
    public async Task Handler_ForASignedInCaller_UsesTheRoleFromTheDatabase(Role role, AccessLevel level, bool allowed)
    {
        // The token claims admin; the database's role must win.
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim("role", "admin")], "Bearer"));
        var http = Caller(AuthenticateResult.Success(new AuthenticationTicket(principal, "Bearer")));
        http.Features.Set(new SignedInUser(new User { Id = 1, Username = "u", Role = role }, "s1"));

        Assert.That(await RunHandler(level, principal, http), Is.EqualTo(allowed));
    }

    [TestCase(AccessLevel.Guest, true)]
    [TestCase(AccessLevel.User, false)]
    [TestCase(AccessLevel.Admin, false)]
    public async Task Handler_ForAnAnonymousCaller_TreatsThemAsGuest(AccessLevel level, bool allowed)
    {
        var http = Caller(AuthenticateResult.NoResult());
        Assert.That(await RunHandler(level, new ClaimsPrincipal(new ClaimsIdentity()), http), Is.EqualTo(allowed));
    }

    [Test]
    public async Task Handler_ForACallerWhoseTokenFailed_RefusesEvenGuestLevel()
    {
        var http = Caller(AuthenticateResult.Fail("The token is expired."));
        Assert.That(await RunHandler(AccessLevel.Guest, new ClaimsPrincipal(new ClaimsIdentity()), http), Is.False);
    }

    /// <summary>A request whose bearer authentication came out as given.</summary>
    private static HttpContext Caller(AuthenticateResult result)
    {
        var authentication = new Mock<IAuthenticationService>();
        authentication.Setup(a => a.AuthenticateAsync(It.IsAny<HttpContext>(), It.IsAny<string?>())).ReturnsAsync(result);
        return new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddSingleton(authentication.Object).BuildServiceProvider(),
        };
    }

    private static async Task<bool> RunHandler(AccessLevel level, ClaimsPrincipal principal, HttpContext http)
    {
        var requirement = new AccessLevelRequirement(level);
        var context = new AuthorizationHandlerContext([requirement], principal, http);
        await new AccessLevelHandler().HandleAsync(context);
        return context.HasSucceeded;
    }
}
