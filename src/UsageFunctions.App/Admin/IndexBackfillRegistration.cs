namespace UsageFunctions.App.Admin;

public static class IndexBackfillRegistration
{
    /// <summary>The index rows of accounts and keys stored before the indexes existed, written once per deployment at start.</summary>
    public static IServiceCollection AddIndexBackfill(this IServiceCollection services) =>
        services.AddHostedService<IndexBackfillOnStart>();
}
