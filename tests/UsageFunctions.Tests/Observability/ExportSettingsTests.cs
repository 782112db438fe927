using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using UsageFunctions.App.Observability;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Observability;

public sealed class ExportSettingsTests
{
    [Fact]
    public void WithoutAConnectionStringOrCollectorNothingIsCollected()
    {
        using var app = new UsageAppFactory();
        Assert.Null(app.Services.GetService<TracerProvider>());
        Assert.Null(app.Services.GetService<MeterProvider>());
    }

    [Fact]
    public async Task WithAConnectionStringAndACollectorTheAppStartsAndExports()
    {
        using var app = new UsageAppFactory().WithSettings(new Dictionary<string, string>
        {
            // Nothing listens at either address: export fails quietly in the background, as during an outage.
            ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/",
            ["Observability__OtlpEndpoint"] = "http://127.0.0.1:9/",
        });
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/health/ready")).StatusCode);
        Assert.NotNull(app.Services.GetService<TracerProvider>());
        Assert.NotNull(app.Services.GetService<MeterProvider>());
    }

    [Theory]
    [InlineData("ClientId=11111111-2222-3333-4444-555555555555;Authorization=AAD", true, "11111111-2222-3333-4444-555555555555")]
    [InlineData("Authorization=AAD", true, null)]
    [InlineData(null, false, null)]
    public void TheAuthenticationStringChoosesTheManagedIdentity(string? authentication, bool entraId, string? clientId)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [ObservabilityOptions.ConnectionStringSetting] = "InstrumentationKey=x",
            [ObservabilityOptions.AuthenticationSetting] = authentication,
        }).Build();
        var options = ObservabilityOptions.From(configuration);
        Assert.Equal(clientId, options.ManagedIdentityClientId(out var useEntraId));
        Assert.Equal(entraId, useEntraId);
        Assert.True(options.ExportsAnything);
    }
}
