using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using UsageFunctions.Tests.Infrastructure;

namespace UsageFunctions.Tests.Functions;

/// <summary>What a user sees of failures under the local host's executable, and that stopping it leaves nothing running.</summary>
public sealed class LocalHostFailureTests
{
    [Fact]
    public async Task FunctionsThatThrowAnswerAsTheirTriggerDoes()
    {
        // Nothing listens on this storage endpoint: every storage call of the worker throws.
        await using var host = await LocalHostProcess.StartAsync(new Dictionary<string, string>
        {
            ["Storage__ConnectionString"] = AzuriteServer.ConnectionStringFor(AzuriteServer.FreePort()),
        });

        var read = await host.Client.SendAsync(host.Admin(HttpMethod.Get, "/api/manage/accounts/acct_missing"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, read.StatusCode);
        Assert.True(read.Headers.RetryAfter is not null, "A storage failure says when to retry.");
        Assert.Equal("Storage unavailable", (await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());

        var timer = await host.Client.SendAsync(host.Admin(HttpMethod.Post, "/admin/functions/RollupTimer?wait=true"));
        Assert.Equal(HttpStatusCode.InternalServerError, timer.StatusCode);
        var outcome = await timer.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Failure", outcome.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(outcome.GetProperty("error").GetString()));
        var status = await host.StatusAsync();
        var rollup = status.GetProperty("functions").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "RollupTimer");
        // Every run failed, the one fired by hand and any the schedule fired meanwhile.
        var stats = rollup.GetProperty("stats");
        Assert.InRange(stats.GetProperty("failures").GetInt64(), 1, long.MaxValue);
        Assert.Equal(stats.GetProperty("invocations").GetInt64(), stats.GetProperty("failures").GetInt64());
    }

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task StoppingTheHostEndsTheWorkerAndLeavesNoProcess(string signal)
    {
        await using var host = await LocalHostProcess.StartAsync(new Dictionary<string, string>
        {
            ["Storage__ConnectionString"] = AzuriteServer.ConnectionString,
            ["Timers__Rollup"] = "*/1 * * * * *",
        });
        var worker = Process.GetProcessById((await host.StatusAsync()).GetProperty("worker").GetProperty("processId").GetInt32());

        using (var kill = Process.Start("kill", ["-" + signal, host.Process.Id.ToString()])) await kill.WaitForExitAsync();

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await host.Process.WaitForExitAsync(deadline.Token);
        await worker.WaitForExitAsync(deadline.Token);
        Assert.Equal(0, host.Process.ExitCode);
        Assert.Contains("WorkerTerminate", host.Output);
    }
}
