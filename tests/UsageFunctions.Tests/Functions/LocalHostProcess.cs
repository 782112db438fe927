using System.Diagnostics;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Functions;

/// <summary>
/// The local host's own executable running the app's build output, as a user runs it: the host a process, the worker a
/// process the host starts (<c>dotnet UsageFunctions.dll --functions-uri …</c>), app settings as environment variables.
/// </summary>
public sealed class LocalHostProcess : IAsyncDisposable
{
    public const string AdminKey = "process-admin-key-42";
    private static readonly string HostDll = Path.Combine(typeof(LocalHostProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "LocalHostBuildOutput").Value!, "UsageFunctions.LocalHost.dll");

    private readonly StringBuilder _output = new();

    private LocalHostProcess(Process process, int port)
    {
        Process = process;
        Client = Infrastructure.OpenApi.OpenApiResponseValidator.CheckedClient();
        Client.BaseAddress = new Uri($"http://127.0.0.1:{port}");
        Client.Timeout = TimeSpan.FromSeconds(60);
    }

    public Process Process { get; }

    public HttpClient Client { get; }

    public string Output { get { lock (_output) return _output.ToString(); } }

    public static async Task<LocalHostProcess> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var port = AzuriteServer.FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { HostDll, FunctionsMetadata.AppBuildOutput, "--port", port.ToString() }) start.ArgumentList.Add(argument);
        start.Environment["Admin__Key"] = AdminKey;
        foreach (var (name, value) in settings) start.Environment[name] = value;
        var host = new LocalHostProcess(Process.Start(start)!, port);
        host.Process.OutputDataReceived += (_, e) => host.Append(e.Data);
        host.Process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        host.Process.BeginOutputReadLine();
        host.Process.BeginErrorReadLine();
        await host.WaitUntilRunningAsync();
        return host;
    }

    /// <summary>The host's status: state, the worker's process id, every function with its invocations.</summary>
    public async Task<JsonElement> StatusAsync() => await Client.GetFromJsonAsync<JsonElement>("/admin/host/status");

    public HttpRequestMessage Admin(HttpMethod method, string path) => new(method, path) { Headers = { Authorization = new("Bearer", AdminKey) } };

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!Process.HasExited) Process.Kill(entireProcessTree: true);
        await Process.WaitForExitAsync();
        Process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null) lock (_output) _output.AppendLine(line);
    }

    private async Task WaitUntilRunningAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (Process.HasExited) throw new InvalidOperationException($"The host exited ({Process.ExitCode}):\n{Output}");
            try
            {
                if ((await Client.GetAsync("/admin/host/status")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"The host never reported Running:\n{Output}");
    }
}
