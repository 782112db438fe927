namespace UsageFunctions.App.Reliability;

public static class ReliabilityRegistration
{
    public static IServiceCollection AddDeadlines(this IServiceCollection services)
    {
        services.AddOptions<DeadlineOptions>().BindConfiguration(DeadlineOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }
}
