using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace UsageFunctions.Tests.Infrastructure;

/// <summary>
/// The real app in-process against Azurite, with its own tables (a fresh prefix per factory) and a clock the test
/// controls. Timers do not run by themselves; tests fire them through <c>POST /{FunctionName}</c>.
/// </summary>
public sealed class UsageAppFactory : WebApplicationFactory<Program>
{
    public const string AdminKey = "test-admin-key-0123456789";

    public UsageAppFactory(string? connectionString = null)
    {
        ConnectionString = connectionString ?? AzuriteServer.ConnectionString;
    }

    public string ConnectionString { get; }

    public string TablePrefix { get; } = "t" + Guid.NewGuid().ToString("N")[..12];

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:ConnectionString", ConnectionString);
        builder.UseSetting("Storage:TablePrefix", TablePrefix);
        builder.UseSetting("Admin:Key", AdminKey);
        builder.UseSetting("Hosting:RunTimers", "false");
        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
    }

    /// <summary>Fires a timer function the way the Functions host does: <c>POST /{name}</c> with the host's payload.</summary>
    public async Task<HttpResponseMessage> RunTimerAsync(string name, bool isPastDue = false)
    {
        using var client = CreateAdminClient();
        var payload = new
        {
            Data = new { timer = new { ScheduleStatus = (object?)null, IsPastDue = isPastDue } },
            Metadata = new { sys = new { MethodName = name, UtcNow = Clock.GetUtcNow().ToString("O") } },
        };
        return await client.PostAsJsonAsync("/" + name, payload);
    }

    public HttpClient CreateAdminClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", AdminKey);
        return client;
    }
}
