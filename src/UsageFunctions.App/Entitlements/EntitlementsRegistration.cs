using UsageFunctions.Storage.Usage;

namespace UsageFunctions.App.Entitlements;

public static class EntitlementsRegistration
{
    public static IServiceCollection AddEntitlements(this IServiceCollection services)
    {
        services.AddSingleton<UnrolledChange>();
        return services;
    }
}
