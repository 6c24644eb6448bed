using Auth.Core;
using Auth.Core.Abstractions;
using Auth.Core.Options;
using Auth.Core.Services;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Auth.Tests.Unit.Core;

/// <summary>AddCore: the services it offers, and the Lockout and RefreshTokens settings it reads and refuses.</summary>
public sealed class CoreRegistrationTests
{
    private static ServiceProvider Compose(Dictionary<string, string?>? settings = null, Action<IServiceCollection>? before = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings ?? []).Build());
        services.AddLogging();
        services.AddSingleton(Mock.Of<IUserRepository>());
        services.AddSingleton(Mock.Of<IPasswordHasher>());
        services.AddSingleton(Mock.Of<ITokenIssuer>());
        services.AddSingleton(Mock.Of<IRefreshTokenStore>());
        services.AddSingleton(Mock.Of<ISessionStore>());
        services.AddSingleton(Mock.Of<ILoginThrottleStore>());
        services.AddSingleton(Mock.Of<IAuditLog>());
        before?.Invoke(services);
        services.AddCore();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    [Test]
    public void EveryCoreService_Resolves_OnceTheStoresAreThere()
    {
        using var provider = Compose();
        using var scope = provider.CreateScope();

        Assert.Multiple(() =>
        {
            Assert.That(scope.ServiceProvider.GetService<IAccountService>(), Is.InstanceOf<AccountService>());
            Assert.That(scope.ServiceProvider.GetService<IAuthenticationService>(), Is.InstanceOf<AuthenticationService>());
            Assert.That(scope.ServiceProvider.GetService<IUserAdministration>(), Is.InstanceOf<UserAdministration>());
            Assert.That(scope.ServiceProvider.GetService<FirstAdmin>(), Is.Not.Null);
            Assert.That(scope.ServiceProvider.GetService<AuditTrail>(), Is.Not.Null);
            Assert.That(scope.ServiceProvider.GetService<ISessionService>(), Is.InstanceOf<SessionService>());
            Assert.That(scope.ServiceProvider.GetService<SessionTokens>(), Is.Not.Null);
        });
    }

    [Test]
    public void TheClock_IsTheSystemOne_UnlessTheHostRegisteredAnother()
    {
        var fake = new FakeTimeProvider();
        using var plain = Compose();
        using var faked = Compose(before: s => s.AddSingleton<TimeProvider>(fake));

        Assert.That(plain.GetRequiredService<TimeProvider>(), Is.SameAs(TimeProvider.System));
        Assert.That(faked.GetRequiredService<TimeProvider>(), Is.SameAs(fake));
    }

    [Test]
    public void TheSettings_AreReadFromTheirSections()
    {
        using var provider = Compose(new()
        {
            ["Lockout:MaxFailures"] = "1", ["Lockout:Minutes"] = "0.5", ["RefreshTokens:LifetimeDays"] = "0.25",
        });

        Assert.DoesNotThrow(() => provider.GetRequiredService<IStartupValidator>().Validate());
        var lockout = provider.GetRequiredService<IOptions<LockoutOptions>>().Value;
        var refresh = provider.GetRequiredService<IOptions<RefreshTokenOptions>>().Value;
        Assert.That((lockout.MaxFailures, lockout.Duration, refresh.Lifetime),
            Is.EqualTo((1, TimeSpan.FromSeconds(30), TimeSpan.FromHours(6))));
    }

    [TestCase("Lockout:MaxFailures", "0", "Lockout:MaxFailures must be at least 1.")]
    [TestCase("Lockout:Minutes", "0", "Lockout:Minutes must be greater than 0.")]
    [TestCase("RefreshTokens:LifetimeDays", "0", "RefreshTokens:LifetimeDays must be greater than 0.")]
    public void AnImpossibleSetting_StopsTheStart_NamingTheSetting(string key, string value, string message)
    {
        using var provider = Compose(new() { [key] = value });

        var error = Assert.Catch(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.That(error, Is.InstanceOf<OptionsValidationException>());
        Assert.That(((OptionsValidationException)error!).Failures, Is.EqualTo(new[] { message }));
    }
}
