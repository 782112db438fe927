namespace UsageFunctions.App.Reliability;

public static class ReliabilityRegistration
{
    public static IServiceCollection AddDeadlines(this IServiceCollection services)
    {
        services.AddOptions<DeadlineOptions>().BindConfiguration(DeadlineOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }

    public static IServiceCollection AddIdleMemoryTrim(this IServiceCollection services)
    {
        services.AddOptions<MemoryOptions>().BindConfiguration(MemoryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHostedService<IdleMemoryTrimmer>();
        return services;
    }
}
