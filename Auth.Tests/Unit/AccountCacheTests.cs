using Auth.Api.Authentication;
using Auth.Core.Abstractions;
using Auth.Core.Users;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Auth.Tests.Unit;

public sealed class AccountCacheTests
{
    // NUnit shares one fixture instance between tests: fresh fakes for each.
    private FakeTimeProvider _clock = null!;
    private Mock<IUserRepository> _users = null!;

    [SetUp]
    public void FreshFakes()
    {
        _clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        _users = new Mock<IUserRepository>();
    }

    private AccountCache Cache(double seconds, int size = 100) =>
        new(Options.Create(new AccountCacheOptions { LifetimeSeconds = seconds, SizeLimit = size }), _clock);

    private static User Account(long id, Role role) => new() { Id = id, Username = $"u{id}", Role = role };

    [Test]
    public async Task Off_AsksTheRepositoryEveryTime()
    {
        using var cache = Cache(0);
        _users.Setup(u => u.FindInSessionAsync(1, "s1", It.IsAny<CancellationToken>())).ReturnsAsync(Account(1, Role.User));

        await cache.FindAsync(1, "s1", () => _users.Object, CancellationToken.None);
        await cache.FindAsync(1, "s1", () => _users.Object, CancellationToken.None);

        Assert.That(cache.Enabled, Is.False);
        _users.Verify(u => u.FindInSessionAsync(1, "s1", It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Test]
    public async Task On_RemembersAnAccount_AndItsAbsence_UntilTheyExpire()
    {
        using var cache = Cache(10);
        _users.Setup(u => u.FindInSessionAsync(1, "s1", It.IsAny<CancellationToken>())).ReturnsAsync(Account(1, Role.User));
        _users.Setup(u => u.FindInSessionAsync(2, "s1", It.IsAny<CancellationToken>())).ReturnsAsync((User?)null);

        for (var i = 0; i < 3; i++)
        {
            Assert.That((await cache.FindAsync(1, "s1", () => _users.Object, CancellationToken.None))!.Role, Is.EqualTo(Role.User));
            Assert.That(await cache.FindAsync(2, "s1", () => _users.Object, CancellationToken.None), Is.Null);
        }
        _users.Verify(u => u.FindInSessionAsync(It.IsAny<long>(), "s1", It.IsAny<CancellationToken>()), Times.Exactly(2));

        _clock.Advance(TimeSpan.FromSeconds(10));
        await cache.FindAsync(1, "s1", () => _users.Object, CancellationToken.None);
        _users.Verify(u => u.FindInSessionAsync(1, "s1", It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [TestCase(-1, 100)]
    [TestCase(301, 100)]
    [TestCase(5, 0)]
    public void Validation_RejectsOutOfRangeSettings(double seconds, int size)
    {
        var result = new AccountCacheOptionsValidator().Validate(null, new AccountCacheOptions { LifetimeSeconds = seconds, SizeLimit = size });
        Assert.That(result.Failed, Is.True);
    }
}
