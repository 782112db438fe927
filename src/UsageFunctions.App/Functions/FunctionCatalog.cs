using UsageFunctions.App.Admin;
using UsageFunctions.App.Ingestion;
using UsageFunctions.App.Retention;
using UsageFunctions.App.Rollups;
using UsageFunctions.App.Vendors.Billing;
using UsageFunctions.App.Vendors.Ultravox;

namespace UsageFunctions.App.Functions;

/// <summary>
/// Every function of the app. Routes are mapped from it, the function.json files are generated from it, and the
/// standalone scheduler runs its timers: nothing else lists functions.
/// </summary>
public static class FunctionCatalog
{
    public static IReadOnlyList<FunctionDefinition> All { get; } =
    [
        .. AdminApi.Functions,
        .. IngestionApi.Functions,
        .. StoredEventsApi.Functions,
        .. BillingUsageApi.Functions,
        .. UltravoxUsageApi.Functions,
        RetentionTimer.Function,
        RollupTimer.Function,
        PeriodTimer.Function,
    ];

    public static IEnumerable<HttpFunction> Http => All.OfType<HttpFunction>();

    public static IEnumerable<TimerFunction> Timers => All.OfType<TimerFunction>();
}
