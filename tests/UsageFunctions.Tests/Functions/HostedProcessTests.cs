using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using UsageFunctions.Storage.Tables;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Functions;

/// <summary>Drives the real executable the way the Functions host does: port variable, readiness poll, forwarded requests, timer payloads.</summary>
public sealed class HostedProcessTests : IAsyncLifetime
{
    private const string AdminKey = "process-admin-key-42";
    private readonly int _port = AzuriteServer.FreePort();
    private readonly string _prefix = "p" + Guid.NewGuid().ToString("N")[..12];
    private Process? _process;
    private readonly StringBuilder _output = new();

    public async Task InitializeAsync()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "exec", Path.Combine(AppContext.BaseDirectory, "UsageFunctions.dll") },
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["FUNCTIONS_CUSTOMHANDLER_PORT"] = _port.ToString(),
                ["Storage__ConnectionString"] = AzuriteServer.ConnectionString,
                ["Storage__TablePrefix"] = _prefix,
                ["Admin__Key"] = AdminKey,
            },
        };
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilReadyAsync();
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false }) _process.Kill(entireProcessTree: true);
        _process?.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ForwardedRequestsAndTimerInvocationsWorkAgainstTheRealProcess()
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_port}") };
        client.DefaultRequestHeaders.Authorization = new("Bearer", AdminKey);
        var created = await client.PostAsJsonAsync("/api/manage/accounts", new { name = "Host", plan = "pro" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var accountId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var key = await TestAccount.IssueKeyAsync(client, accountId, "events:write");

        var ingest = new HttpRequestMessage(HttpMethod.Post, "/api/events")
        {
            Headers = { Authorization = new("Bearer", key) },
            Content = new StringContent(TestEvents.Message(DateTimeOffset.UtcNow).ToJsonString(), Encoding.UTF8, "application/cloudevents+json"),
        };
        Assert.Equal(HttpStatusCode.Accepted, (await client.SendAsync(ingest)).StatusCode);

        // Under the host, timer invocations come from the host alone and carry no key.
        using var host = new HttpClient { BaseAddress = client.BaseAddress };
        var payload = """{"Data":{"timer":{"ScheduleStatus":{"Last":"2026-11-20T03:17:00Z","Next":"2026-11-21T03:17:00Z","LastUpdated":"2026-11-20T03:17:00Z"},"IsPastDue":false}},"Metadata":{"sys":{"MethodName":"RetentionTimer"}}}""";
        var timer = await host.PostAsync("/RetentionTimer", new StringContent(payload, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, timer.StatusCode);
        var body = await timer.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Empty(body.GetProperty("Outputs").EnumerateObject());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("ReturnValue").ValueKind);
        Assert.Contains("across 1 accounts", body.GetProperty("Logs")[0].GetString());
    }

    [Fact]
    public async Task EveryTableIsCreatedAtStartBeforeAnyRequestNeedsIt()
    {
        var service = new TableServiceClient(AzuriteServer.ConnectionString);
        var expected = TableNames.All.Select(t => _prefix + t).Order().ToList();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        List<string> tables;
        do
        {
            tables = [];
            await foreach (var table in service.QueryAsync(t => t.Name.CompareTo(_prefix) >= 0 && t.Name.CompareTo(_prefix + "~") < 0))
                tables.Add(table.Name);
            tables.Sort(StringComparer.Ordinal);
            if (tables.SequenceEqual(expected)) return;
            await Task.Delay(50);
        }
        while (DateTime.UtcNow < deadline);
        Assert.Equal(expected, tables);
    }

    private async Task WaitUntilReadyAsync()
    {
        using var probe = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_port}"), Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited) throw new InvalidOperationException($"The app exited ({_process.ExitCode}):\n{_output}");
            try
            {
                if ((await probe.GetAsync("/")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Not answering yet.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"The app never answered GET /:\n{_output}");
    }
}
