using Microsoft.Extensions.Options;
using UsageFunctions.Domain.Meters;
using UsageFunctions.Storage.Calls;
using UsageFunctions.Storage.Periods;
using UsageFunctions.Storage.Rollups;
using UsageFunctions.Storage.Usage;

namespace UsageFunctions.App.Rollups;

public static class RollupRegistration
{
    public static IServiceCollection AddRollups(this IServiceCollection services)
    {
        services.AddOptions<MeterOptions>().BindConfiguration(MeterOptions.Section)
            .Validate(o => o.IsValid(), "Each custom meter needs a key, known event types, a field unless it counts, and no state aggregation.")
            .ValidateOnStart();
        services.AddOptions<RollupOptions>().BindConfiguration(RollupOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => MeterCatalog.With(sp.GetRequiredService<IOptions<MeterOptions>>().Value.Custom));
        services.AddSingleton<RollupLease>();
        services.AddSingleton<TableAggregateWriter>();
        services.AddSingleton<AggregateReader>();
        services.AddSingleton<PeriodTotals>();
        services.AddSingleton<TablePeriodBook>();
        services.AddSingleton<RollupRunner>();
        services.AddSingleton<PendingHours>();
        services.AddSingleton<CallDigestReader>();
        services.AddSingleton<OpenPeriodCounters>();
        services.AddSingleton<UsageBatchReader>();
        services.AddSingleton<IUsageQuery, TableUsageQuery>();
        return services;
    }
}
