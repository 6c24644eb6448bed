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

        services.AddOptions<PerformanceOptions>().BindConfiguration(PerformanceOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PerformanceOptions>, PerformanceOptionsValidator>();
        services.AddSingleton<AccountCache>();
        return services;
    }
}
