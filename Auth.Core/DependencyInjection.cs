using Auth.Core.Options;
using Auth.Core.Security;
using Auth.Core.Services;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Auth.Core;

public static class DependencyInjection
{
    /// <summary>The domain services and their options (sections <c>Lockout</c>, <c>RefreshTokens</c>, <c>Signup</c> and <c>PasswordReset</c>).</summary>
    public static IServiceCollection AddCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<LockoutOptions>().BindConfiguration(LockoutOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LockoutOptions>, LockoutOptionsValidator>();
        services.AddOptions<RefreshTokenOptions>().BindConfiguration(RefreshTokenOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RefreshTokenOptions>, RefreshTokenOptionsValidator>();

        services.AddOptions<SignupOptions>().BindConfiguration(SignupOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SignupOptions>, SignupOptionsValidator>();
        services.AddOptions<PasswordResetOptions>().BindConfiguration(PasswordResetOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PasswordResetOptions>, PasswordResetOptionsValidator>();

        services.AddScoped<AuditTrail>();
        services.AddScoped<ISessionService, SessionService>();
        services.AddScoped<SessionTokens>();
        services.AddScoped<CredentialThrottle>();
        services.AddScoped<IAccountService, AccountService>();
        services.AddScoped<IAuthenticationService, AuthenticationService>();
        services.AddScoped<IUserAdministration, UserAdministration>();
        services.AddScoped<FirstAdmin>();
        return services;
    }
}
