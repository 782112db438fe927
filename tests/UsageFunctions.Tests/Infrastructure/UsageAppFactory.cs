using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using UsageFunctions.LocalHost;
using UsageFunctions.Tests.Infrastructure.OpenApi;

namespace UsageFunctions.Tests.Infrastructure;

/// <summary>
/// The real app against Azurite, reached through the local Functions host over real HTTP: the host forwards each
/// request to the worker's Kestrel and sends the matching invocation over gRPC. The worker runs in the test process,
/// with its own tables (a fresh prefix per factory) and a clock the test controls. Timers fire only when a test fires
/// them (<see cref="RunTimerAsync"/>, the host's admin API). Starts on first use.
/// </summary>
public sealed class UsageAppFactory : IDisposable
{
    public const string AdminKey = "test-admin-key-0123456789";
    private readonly Lazy<Task<LocalFunctionsHost>> _host;
    private readonly InProcessWorkerLauncher _launcher;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly Action<IServiceCollection> _configure;

    public UsageAppFactory(string? connectionString = null)
        : this(connectionString ?? AzuriteServer.ConnectionString, "t" + Guid.NewGuid().ToString("N")[..12],
            new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero)), _ => { }, new Dictionary<string, string>())
    {
    }

    private UsageAppFactory(string connectionString, string tablePrefix, FakeTimeProvider clock, Action<IServiceCollection> configure,
        IReadOnlyDictionary<string, string> settings)
    {
        _settings = settings;
        _configure = configure;
        ConnectionString = connectionString;
        TablePrefix = tablePrefix;
        Clock = clock;
        _launcher = new InProcessWorkerLauncher(services =>
        {
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
            configure(services);
        });
        _host = new(StartAsync);
    }

    public string ConnectionString { get; }

    public string TablePrefix { get; }

    public FakeTimeProvider Clock { get; }

    /// <summary>The worker's services.</summary>
    public IServiceProvider Services
    {
        get
        {
            _ = Started;
            return _launcher.Services!;
        }
    }

    public Uri BaseAddress => Started.BaseAddress;

    private LocalFunctionsHost Started => _host.Value.GetAwaiter().GetResult();

    /// <summary>Another instance of the app on the same tables and clock, its services changed by <paramref name="configure"/>.</summary>
    public UsageAppFactory WithServices(Action<IServiceCollection> configure) => new(ConnectionString, TablePrefix, Clock, configure, _settings);

    /// <summary>Another instance of the app on the same tables and clock, with these app settings (<c>Section__Key</c>) added.</summary>
    public UsageAppFactory WithSettings(IReadOnlyDictionary<string, string> settings)
    {
        var merged = new Dictionary<string, string>(_settings);
        foreach (var (key, value) in settings) merged[key] = value;
        return new(ConnectionString, TablePrefix, Clock, _configure, merged);
    }

    /// <summary>A client whose every response is checked against the OpenAPI documents (<see cref="OpenApiResponseValidator"/>).</summary>
    public HttpClient CreateClient()
    {
        var client = OpenApiResponseValidator.CheckedClient();
        client.BaseAddress = BaseAddress;
        client.Timeout = TimeSpan.FromMinutes(2);
        return client;
    }

    public HttpClient CreateAdminClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", AdminKey);
        return client;
    }

    /// <summary>Fires a timer through the host's admin API and waits for the run: 200 when it succeeded, 500 when it failed.</summary>
    public async Task<HttpResponseMessage> RunTimerAsync(string name)
    {
        using var client = CreateAdminClient();
        return await client.PostAsync($"/admin/functions/{name}?wait=true", JsonContent.Create(new { }));
    }

    public void Dispose()
    {
        if (_host.IsValueCreated && _host.Value.IsCompletedSuccessfully) _host.Value.Result.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Quiet, unless USAGE_TEST_LOGS is set: then the host and worker log to the console.</summary>
    private static void ConfigureLogging(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        if (Environment.GetEnvironmentVariable("USAGE_TEST_LOGS") is { Length: > 0 })
            logging.AddSimpleConsole(o => o.TimestampFormat = "HH:mm:ss.fff ").SetMinimumLevel(LogLevel.Debug);
    }

    private async Task<LocalFunctionsHost> StartAsync()
    {
        var settings = new Dictionary<string, string>
        {
            ["Storage__ConnectionString"] = ConnectionString,
            ["Storage__TablePrefix"] = TablePrefix,
            ["Admin__Key"] = AdminKey,
        };
        foreach (var (key, value) in _settings) settings[key] = value;
        var host = await LocalFunctionsHost.StartAsync(new LocalHostOptions
        {
            ScriptRoot = AppContext.BaseDirectory,
            HttpPort = 0,
            Settings = AppSettings.For(AppContext.BaseDirectory, settings),
            RunTimersOnSchedule = false,
            Launcher = _launcher,
        }, ConfigureLogging);
        await host.Loaded.WaitAsync(TimeSpan.FromSeconds(60));
        return host;
    }
}
