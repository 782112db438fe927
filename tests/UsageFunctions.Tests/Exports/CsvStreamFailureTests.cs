using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using UsageFunctions.Tests.Infrastructure;
using Xunit.Abstractions;

namespace UsageFunctions.Tests.Exports;

/// <summary>
/// Storage failing while a CSV export streams (headers and rows already sent): the client must not receive what looks
/// like a complete CSV, so the response is aborted and the chunked body never gets its terminator.
/// </summary>
public sealed class CsvStreamFailureTests : IDisposable
{
    private readonly FailingPagesPolicy _policy = new();
    private readonly ConcurrentQueue<string> _logs = new();
    private readonly UsageAppFactory _tables = new();
    private readonly UsageAppFactory _app;
    private readonly ITestOutputHelper _output;

    public CsvStreamFailureTests(ITestOutputHelper output)
    {
        _output = output;
        _app = _policy.Instance(_tables, _logs);
    }

    public void Dispose()
    {
        _app.Dispose();
        _tables.Dispose();
    }

    [Fact]
    public async Task AStorageFailureAfterTheFirstPageEndsTheResponseUnfinishedAndIsLoggedOnce()
    {
        var account = await TestAccount.CreateAsync(_app);
        var now = _app.Clock.GetUtcNow();
        using (var sender = _app.CreateClient())
        {
            foreach (var chunk in Enumerable.Range(0, 1_500).Chunk(100))
                (await sender.SendAsync(account.KeyedPost(TestEvents.Batch([.. chunk.Select(i => TestEvents.Message(now.AddSeconds(-1 - i)))])))).EnsureSuccessStatusCode();
        }
        using var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", account.ReadKey);
        var whole = await client.GetStringAsync("/api/events?format=csv");
        Assert.Equal(1_501, whole.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);

        _policy.Armed = true;
        // A plain client (the test client buffers answers to check them against the OpenAPI document): bytes as they come.
        using var plain = new HttpClient { BaseAddress = _app.BaseAddress };
        plain.DefaultRequestHeaders.Authorization = new("Bearer", account.ReadKey);
        using var response = await plain.GetAsync("/api/events?format=csv", HttpCompletionOption.ResponseHeadersRead);
        Assert.True(response.IsSuccessStatusCode);
        var received = new MemoryStream();
        var failure = await Record.ExceptionAsync(() => response.Content.CopyToAsync(received));

        _output.WriteLine($"Received {received.Length} bytes, then {failure?.GetType().Name}: {failure?.Message}");
        Assert.NotNull(failure);
        Assert.IsAssignableFrom<IOException>(failure is HttpRequestException { InnerException: { } inner } ? inner : failure);
        Assert.True(received.Length > 0, "The first page was streamed before the failure.");
        _output.WriteLine(string.Join(Environment.NewLine, _logs));
        var logged = Assert.Single(_logs, l => l.StartsWith("Error", StringComparison.Ordinal));
        Assert.Contains("CSV export", logged, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStorageFailureBeforeTheFirstByteAnswersAProblemWithRetryAfter()
    {
        var account = await TestAccount.CreateAsync(_app);
        using var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", account.ReadKey);
        _policy.FailFirstPage = true;

        using var response = await client.GetAsync("/api/events?format=csv");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.RetryAfter);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var correlationId = problem.GetProperty("correlationId").GetString()!;
        Assert.Contains(_logs, l => l.Contains(correlationId, StringComparison.Ordinal));
    }
}
