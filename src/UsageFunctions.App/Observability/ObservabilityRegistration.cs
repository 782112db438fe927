using System.Runtime.CompilerServices;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using UsageFunctions.App.Health;
using UsageFunctions.Storage.Telemetry;

namespace UsageFunctions.App.Observability;

public static class ObservabilityRegistration
{
    /// <summary>
    /// Traces, metrics and logs through OpenTelemetry to Application Insights and/or an OTLP collector, when either is
    /// configured; otherwise no provider is built at all (a local run stays quiet and starts as fast as before).
    /// The metrics class and the readiness probe are there either way.
    /// </summary>
    public static FunctionsApplicationBuilder AddObservability(this FunctionsApplicationBuilder builder)
    {
        // Table Storage calls become spans only with this switch; it is read once per process, before the first client.
        AppContext.SetSwitch("Azure.Experimental.EnableActivitySource", true);
        builder.Services.AddSingleton<ReadinessProbe>();
        var options = ObservabilityOptions.From(builder.Configuration);
        if (options.ExportsAnything) AddExport(builder.Services, options);
        return builder;
    }

    /// <summary>Kept out of <see cref="AddObservability"/> so a run that exports nothing never loads OpenTelemetry.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AddExport(IServiceCollection services, ObservabilityOptions options)
    {
        var telemetry = services.AddUsageTelemetry();
        if (options.AzureMonitorConnectionString is { } connectionString)
            telemetry.UseAzureMonitorExporter(o =>
            {
                o.ConnectionString = connectionString;
                var clientId = options.ManagedIdentityClientId(out var entraId);
                if (entraId)
                    o.Credential = new ManagedIdentityCredential(clientId is null
                        ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(clientId));
            });
        if (options.OtlpEndpoint is { } endpoint)
            telemetry.UseOtlpExporter(OtlpExportProtocol.HttpProtobuf, endpoint);
    }

    /// <summary>
    /// The collection side without an exporter: the worker's invocation spans, the Azure SDK's storage spans, the app's
    /// own spans and meter, and logs (which carry the trace and span ids of the span they were written in).
    /// </summary>
    public static IOpenTelemetryBuilder AddUsageTelemetry(this IServiceCollection services)
    {
        var telemetry = services.AddOpenTelemetry().UseFunctionsWorkerDefaults();
        telemetry.WithTracing(t => t.AddSource(UsageTracing.SourceName, "Azure.*"));
        telemetry.WithMetrics(m => m.AddMeter(UsageMetrics.MeterName));
        telemetry.WithLogging(configureBuilder: null, configureOptions: o => o.IncludeScopes = false);
        return telemetry;
    }
}
