using UsageFunctions.Bench;

namespace UsageFunctions.Tests.Bench;

/// <summary>
/// Runs the entitlement-check bench on small histories so the harness cannot rot: every history in both states, the
/// check's figure equal to the messages sent (the scenario throws otherwise), and a report written. Never how fast.
/// </summary>
public sealed class EntitlementsBenchTests : IDisposable
{
    private readonly DirectoryInfo _output = Directory.CreateTempSubdirectory("bench-entitlements");

    public void Dispose() => _output.Delete(recursive: true);

    [Fact]
    public async Task EveryHistoryIsMeasuredCaughtUpAndWithAnHourPending()
    {
        var options = EntitlementsOptions.Quick(_output.FullName) with { Histories = [1_000], ChecksPerRound = 2 };
        var result = await EntitlementsScenario.RunAsync(options, Infrastructure.RepositoryRoot.Path, TextWriter.Null);
        var markdown = await EntitlementsReport.WriteAsync(result, _output.FullName);

        Assert.Equal([(1_000, "caught up"), (1_000, "hour pending")],
            result.Rows.Select(r => (r.History, r.State)));
        Assert.Equal(HistoryLoader.MessagesAmong(1_000) + 75, result.Rows[1].Used);
        Assert.All(result.Rows, r => Assert.Equal(Method.Rounds * 2, r.Check.Samples));
        Assert.All(result.Rows, r => Assert.True(r.RequestsPerCheck > 0, "The app's storage requests were not counted."));
        Assert.Contains("Entitlement checks (quick mode)", await File.ReadAllTextAsync(markdown));
        Assert.True(File.Exists(Path.ChangeExtension(markdown, ".json")));
    }
}
