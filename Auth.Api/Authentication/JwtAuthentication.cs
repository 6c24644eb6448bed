using Auth.Infrastructure.Security;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace Auth.Api.Authentication;

public static class JwtAuthentication
{
    /// <summary>
    /// JWT bearer authentication (both schemes, see <see cref="JwtEvents"/>) and the per-request account lookup with
    /// its opt-in cache.
    /// </summary>
    public static IServiceCollection AddJwtAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>, JwtBearerSetup>();
        services.AddSingleton<JwtEvents>();
        // The web host's, not the command line's (which starts Infrastructure's hosted services one by one).
        services.AddHostedService<SigningKeyMaintenance>();

        services.AddOptions<AccountCacheOptions>().BindConfiguration(AccountCacheOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AccountCacheOptions>, AccountCacheOptionsValidator>();
        services.AddSingleton<AccountCache>();
        return services;
    }
}
