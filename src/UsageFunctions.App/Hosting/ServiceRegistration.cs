using UsageFunctions.App.Auth;
using UsageFunctions.App.Ingestion;
using UsageFunctions.App.RateLimits;
using UsageFunctions.App.Retention;

namespace UsageFunctions.App.Hosting;

public static class ServiceRegistration
{
    public static IServiceCollection AddAdmin(this IServiceCollection services)
    {
        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.Section);
        services.AddSingleton<ApiKeyAuthenticator>();
        return services;
    }

    public static IServiceCollection AddIngestion(this IServiceCollection services)
    {
        services.AddSingleton<SignatureAuthenticator>();
        services.AddSingleton<EventIngestor>();
        return services;
    }

    public static IServiceCollection AddRetention(this IServiceCollection services)
    {
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }

    public static IServiceCollection AddRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<KeyRateLimiter>();
        return services;
    }
}
