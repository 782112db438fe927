using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Packaging;

/// <summary>
/// The package unzipped and its executable started as the Functions host starts a custom handler: from the package
/// root, told its port by FUNCTIONS_CUSTOMHANDLER_PORT and its settings by environment variables, polled on <c>GET /</c>.
/// </summary>
public sealed class PackagedApp : IAsyncLifetime
{
    public const string AdminKey = "smoke-admin-key-0123456789";

    private readonly StringBuilder _log = new();
    private Process? _process;
    private string? _root;

    public HttpClient Client { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>A client of its own (the shared one stays without credentials), optionally with a bearer key.</summary>
    public HttpClient CreateClient(string? bearer = null)
    {
        var client = new HttpClient { BaseAddress = Client.BaseAddress, Timeout = Client.Timeout };
        if (bearer is not null) client.DefaultRequestHeaders.Authorization = new("Bearer", bearer);
        return client;
    }

    public string Log { get { lock (_log) return _log.ToString(); } }

    public async Task InitializeAsync()
    {
        _root = Directory.CreateTempSubdirectory("usagefunctions-app").FullName;
        ZipFile.ExtractToDirectory(await FunctionAppPackage.ZipPathAsync(), _root);
        var port = AzuriteServer.FreePort();
        var start = new ProcessStartInfo(Path.Combine(_root, "UsageFunctions"))
        {
            WorkingDirectory = _root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Storage__ConnectionString"] = AzuriteServer.ConnectionString,
                ["Storage__TablePrefix"] = "p" + Guid.NewGuid().ToString("N")[..12],
                ["Admin__Key"] = AdminKey,
            },
        };
        // The host runs the app as Production; the test runner's environment must not say otherwise.
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        _process = Process.Start(start) ?? throw new InvalidOperationException("The packaged app did not start.");
        _process.OutputDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Client.BaseAddress = new Uri($"http://127.0.0.1:{port}");
        await WaitUntilReadyAsync(TimeSpan.FromSeconds(30));
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited) throw new InvalidOperationException($"The packaged app exited with {_process.ExitCode}:\n{Log}");
            try
            {
                using var response = await Client.GetAsync("/");
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet, as the host expects for the first moments.
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"The packaged app did not answer GET / within {timeout}:\n{Log}");
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        if (_root is not null) Directory.Delete(_root, recursive: true);
    }
}
