using Auth.Core.Abstractions;
using Auth.Core.Users;

namespace Auth.Tests.Unit.Core;

/// <summary>Role names and flags, and the rule that some admin must always remain.</summary>
public sealed class RoleRuleTests
{
    [TestCase(Role.None, false)]
    [TestCase(Role.Guest, false)]
    [TestCase(Role.User, false)]
    [TestCase(Role.Admin, true)]
    [TestCase(Role.User | Role.Admin, true)]
    public void IsAdmin_WhenTheAdminFlagIsSet(Role role, bool admin) => Assert.That(role.IsAdmin(), Is.EqualTo(admin));

    [TestCase("guest", true, Role.Guest)]
    [TestCase("GUEST", true, Role.Guest)]
    [TestCase(" user ", true, Role.User)]
    [TestCase("Admin", true, Role.Admin)]
    [TestCase("none", false, Role.None)]
    [TestCase("", false, Role.None)]
    [TestCase("guests", false, Role.None)]
    public void TryParse_TakesTheNamesInAnyCase(string name, bool ok, Role expected)
    {
        Assert.That(Roles.TryParse(name, out var role), Is.EqualTo(ok));
        Assert.That(role, Is.EqualTo(expected));
    }

    [Test]
    public void TheNamesShownToClients_AreExactlyTheOnesParsedAndGiven()
    {
        Assert.That(Roles.Names, Is.EqualTo(new[] { "guest", "user", "admin" }));
        foreach (var name in Roles.Names)
        {
            Assert.That(Roles.TryParse(name, out var role), Is.True, name);
            Assert.That(role.ToName(), Is.EqualTo(name));
        }
    }

    // (every admin's id, the user written, does the write take admin away, would it leave no admin)
    [TestCase(new long[] { 1 }, 1, true, true)]
    [TestCase(new long[] { 1 }, 1, false, false)]
    [TestCase(new long[] { 1, 2 }, 1, true, false)]
    [TestCase(new long[] { 2 }, 1, true, false)]
    [TestCase(new long[] { }, 1, true, false)]
    public void WouldLeaveNoAdmin_OnlyWhenTheOnlyAdminLosesTheRole(long[] adminIds, long userId, bool removesAdmin, bool refused)
    {
        Assert.That(AdminGuard.WouldLeaveNoAdmin(adminIds, userId, removesAdmin), Is.EqualTo(refused));
    }
}
