using System.IO.Compression;
using Microsoft.Extensions.Logging;
using UsageFunctions.LocalHost;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Packaging;

/// <summary>
/// The package unzipped into a folder of its own and run under the local Functions host, which starts the worker as
/// worker.config.json says (<c>dotnet UsageFunctions.dll</c>) with the app settings as environment variables, against
/// Azurite.
/// </summary>
public sealed class PackagedApp : IAsyncLifetime
{
    public const string AdminKey = "smoke-admin-key-0123456789";

    /// <summary>The <c>Timers__*</c> app settings; their values differ from the defaults so a test can tell where a schedule came from.</summary>
    public static IReadOnlyDictionary<string, string> TimerSchedules { get; } = new Dictionary<string, string>
    {
        ["Timers__Rollup"] = "*/45 * * * * *",
        ["Timers__Periods"] = "0 */7 * * * *",
        ["Timers__Retention"] = "0 19 4 * * *",
        ["Timers__AlertDelivery"] = "*/20 * * * * *",
    };

    private readonly CapturedLog _log = new();
    private LocalFunctionsHost? _host;
    private string? _root;

    public HttpClient Client { get; } = Checked(null, TimeSpan.FromSeconds(30));

    /// <summary>A client of its own (the shared one stays without credentials), optionally with a bearer key.</summary>
    public HttpClient CreateClient(string? bearer = null)
    {
        var client = Checked(Client.BaseAddress, Client.Timeout);
        if (bearer is not null) client.DefaultRequestHeaders.Authorization = new("Bearer", bearer);
        return client;
    }

    private static HttpClient Checked(Uri? baseAddress, TimeSpan timeout)
    {
        var client = Infrastructure.OpenApi.OpenApiResponseValidator.CheckedClient();
        client.BaseAddress = baseAddress;
        client.Timeout = timeout;
        return client;
    }

    public string Log => _log.ToString();

    public async Task InitializeAsync()
    {
        _root = Directory.CreateTempSubdirectory("usagefunctions-app").FullName;
        ZipFile.ExtractToDirectory(await FunctionAppPackage.ZipPathAsync(), _root);
        var settings = new Dictionary<string, string>(TimerSchedules)
        {
            ["Storage__ConnectionString"] = AzuriteServer.ConnectionString,
            ["Storage__TablePrefix"] = "p" + Guid.NewGuid().ToString("N")[..12],
            ["Admin__Key"] = AdminKey,
            // Azure runs the app as Production; the test runner's environment must not say otherwise.
            ["AZURE_FUNCTIONS_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        };
        _host = await LocalFunctionsHost.StartAsync(new LocalHostOptions
        {
            ScriptRoot = _root,
            HttpPort = 0,
            Settings = AppSettings.For(_root, settings),
            // Timers run only when a test fires them, so no run of a schedule lands in the middle of a test.
            RunTimersOnSchedule = false,
        }, logging => logging.ClearProviders().AddProvider(_log));
        Client.BaseAddress = _host.BaseAddress;
        try
        {
            await _host.Loaded.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (Exception ex)
        {
            // Whatever the handshake failed with, the host's log says why; the worker must not outlive the fixture.
            await DisposeAsync();
            throw new InvalidOperationException($"The packaged app did not load its functions: {ex.Message}\n{Log}", ex);
        }
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_host is not null) await _host.DisposeAsync();
        if (_root is not null && Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
        (_host, _root) = (null, null);
    }
}
