using Microsoft.AspNetCore.Cors.Infrastructure;

namespace UsageFunctions.LocalHost.Hosting;

/// <summary>
/// CORS as the platform applies it to a function app in Azure (<c>siteConfig.cors</c>, set by the Bicep template): the
/// host answers preflights itself (functions never see them) and adds the headers to actual responses. Origins come
/// from the app setting <c>Cors__AllowedOrigins</c> (comma-separated, or <c>Cors__AllowedOrigins__0</c>, <c>__1</c>, …;
/// <c>*</c> for any) and credentials from <c>Cors__AllowCredentials</c>. No origin configured: no cross-origin access.
/// </summary>
public static class HostCors
{
    public const string AllowedOriginsSetting = "Cors__AllowedOrigins";
    public const string AllowCredentialsSetting = "Cors__AllowCredentials";

    public static IReadOnlyList<string> AllowedOrigins(AppSettings settings) =>
        [.. new[] { settings.Get(AllowedOriginsSetting) }
            .Concat(settings.Values.Where(s => s.Key.StartsWith(AllowedOriginsSetting + "__", StringComparison.OrdinalIgnoreCase)).Select(s => s.Value))
            .SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>The policy the settings describe, or null when no origin is allowed.</summary>
    public static CorsPolicy? Policy(AppSettings settings)
    {
        var origins = AllowedOrigins(settings);
        if (origins.Count == 0) return null;
        var credentials = bool.TryParse(settings.Get(AllowCredentialsSetting), out var allow) && allow;
        var policy = new CorsPolicyBuilder().AllowAnyMethod().AllowAnyHeader();
        if (origins.Contains("*"))
        {
            // Azure refuses the same combination: a wildcard origin cannot be sent credentials.
            if (credentials) throw new InvalidOperationException($"{AllowCredentialsSetting} cannot be true while {AllowedOriginsSetting} allows '*'.");
            return policy.AllowAnyOrigin().Build();
        }
        policy.WithOrigins([.. origins]);
        return (credentials ? policy.AllowCredentials() : policy).Build();
    }

    /// <summary>Registers the policy as the default one; <see cref="UseHostCors"/> applies it to every request.</summary>
    public static IServiceCollection AddHostCors(this IServiceCollection services, AppSettings settings)
    {
        if (Policy(settings) is { } policy) services.AddCors(cors => cors.AddDefaultPolicy(policy));
        return services;
    }

    public static WebApplication UseHostCors(this WebApplication app)
    {
        if (app.Services.GetService<ICorsService>() is not null) app.UseCors();
        return app;
    }
}
