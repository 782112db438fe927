using UsageFunctions.Storage.Periods;

namespace UsageFunctions.App.Entitlements;

public static class EntitlementsRegistration
{
    public static IServiceCollection AddEntitlements(this IServiceCollection services)
    {
        services.AddSingleton<PendingHourReads>();
        services.AddSingleton<EntitlementFigure>();
        return services;
    }
}
