namespace UsageFunctions.App.Auth;

public static class KnownIdsRegistration
{
    /// <summary>The snapshots of existing key and account ids that refuse unknown credentials without a storage read.</summary>
    public static IServiceCollection AddKnownIds(this IServiceCollection services)
    {
        services.AddSingleton<KnownKeyIds>();
        services.AddSingleton<KnownAccountIds>();
        return services;
    }
}
