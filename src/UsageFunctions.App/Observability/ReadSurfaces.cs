using System.Collections.Concurrent;
using UsageFunctions.App.Auth;
using UsageFunctions.App.Functions;
using UsageFunctions.App.Health;
using UsageFunctions.App.Ingestion;
using UsageFunctions.App.Usage;
using UsageFunctions.App.Vendors.AgentPhone;
using UsageFunctions.App.Vendors.Billing;
using UsageFunctions.App.Vendors.Ultravox;
using UsageFunctions.App.Vendors.Vocode;

namespace UsageFunctions.App.Observability;

/// <summary>The API surface a read belongs to, the <c>surface</c> tag of <c>usage.read.duration</c>.</summary>
public static class ReadSurfaces
{
    private static readonly Dictionary<Type, string> Known = new()
    {
        [typeof(UsageApiFunctions)] = "usage",
        [typeof(IngestionFunctions)] = "events",
        [typeof(VocodeFunctions)] = "vocode",
        [typeof(AgentPhoneFunctions)] = "agentphone",
        [typeof(UltravoxFunctions)] = "ultravox",
        [typeof(BillingFunctions)] = "billing",
    };

    private static readonly ConcurrentDictionary<string, string?> ByEntryPoint = new();

    /// <summary>
    /// The surface of a function when a GET of it is a usage read: a known class's name, <c>other</c> for any other
    /// client-facing class; null for the management API (admin key) and the readiness probe, which are not reads.
    /// </summary>
    public static string? Of(string entryPoint) => ByEntryPoint.GetOrAdd(entryPoint, e =>
        AdminKeyMiddleware.Guards(e) ? null
        : FunctionClasses.Of(e) is not { } type || type == typeof(ReadinessFunctions) ? null
        : Known.GetValueOrDefault(type, "other"));
}
