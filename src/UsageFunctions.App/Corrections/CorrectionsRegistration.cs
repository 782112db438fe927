using UsageFunctions.Storage.Events;

namespace UsageFunctions.App.Corrections;

public static class CorrectionsRegistration
{
    public static IServiceCollection AddCorrections(this IServiceCollection services)
    {
        services.AddSingleton<IEventVoids, TableEventVoids>();
        return services;
    }
}
