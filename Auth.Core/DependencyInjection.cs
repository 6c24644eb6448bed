using Auth.Core.Options;
using Auth.Core.Services;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Auth.Core;

public static class DependencyInjection
{
    /// <summary>The domain services and their options (sections <c>Lockout</c> and <c>RefreshTokens</c>).</summary>
    public static IServiceCollection AddCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<LockoutOptions>().BindConfiguration(LockoutOptions.Section)
            .Validate(o => o.MaxFailures >= 1, "Lockout:MaxFailures must be at least 1.")
            .Validate(o => o.Minutes > 0, "Lockout:Minutes must be greater than 0.")
            .ValidateOnStart();
        services.AddOptions<RefreshTokenOptions>().BindConfiguration(RefreshTokenOptions.Section)
            .Validate(o => o.LifetimeDays > 0, "RefreshTokens:LifetimeDays must be greater than 0.")
            .ValidateOnStart();

        services.AddScoped<AuditTrail>();
        services.AddScoped<IAccountService, AccountService>();
        services.AddScoped<IAuthenticationService, AuthenticationService>();
        services.AddScoped<IUserAdministration, UserAdministration>();
        services.AddScoped<FirstAdmin>();
        return services;
    }
}
