using UsageFunctions.App.Admin;
using UsageFunctions.App.Diagnostics;
using UsageFunctions.App.Ingestion;
using UsageFunctions.App.Retention;
using UsageFunctions.App.Rollups;
using UsageFunctions.App.Usage;
using UsageFunctions.App.Vendors.AgentPhone;
using UsageFunctions.App.Vendors.Billing;
using UsageFunctions.App.Vendors.Ultravox;
using UsageFunctions.App.Vendors.Vocode;

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
        .. DiagnosticsApi.Functions,
        .. IngestionApi.Functions,
        .. StoredEventsApi.Functions,
        .. UsageApi.Functions,
        .. VocodeApi.Functions,
        .. AgentPhoneApi.Functions,
        .. UltravoxUsageApi.Functions,
        .. BillingUsageApi.Functions,
        RetentionTimer.Function,
        RollupTimer.Function,
        PeriodTimer.Function,
    ];

    public static IEnumerable<HttpFunction> Http => All.OfType<HttpFunction>();

    public static IEnumerable<TimerFunction> Timers => All.OfType<TimerFunction>();
}
