using System.Text.Json;
using UsageFunctions.Bench;

namespace UsageFunctions.Tests.Bench;

/// <summary>
/// Runs the benchmark's quick mode end to end so the harness cannot rot. It checks that every section was produced,
/// never how fast anything was: timings on a shared CI machine are not a verdict.
/// </summary>
public sealed class BenchQuickModeTests : IDisposable
{
    private readonly DirectoryInfo _output = Directory.CreateTempSubdirectory("bench");

    public void Dispose() => _output.Delete(recursive: true);

    [Fact]
    public async Task QuickModeWritesEverySectionOfTheReport()
    {
        // The package the packaging tests build: a second publish beside theirs would share its intermediate folders.
        // The harness, not the figures: nothing need wait for the roll-up to catch up.
        var options = BenchOptions.Quick(_output.FullName) with { Package = await Packaging.FunctionAppPackage.ZipPathAsync(), CaughtUp = false };
        var result = await BenchRunner.RunAsync(options, Infrastructure.RepositoryRoot.Path, TextWriter.Null);
        var (markdown, json) = await BenchRunner.WriteAsync(result, options.OutputDirectory);
        Assert.EndsWith("latest-quick.md", markdown);

        var text = await File.ReadAllTextAsync(markdown);
        foreach (var section in new[] { "## Targets", "## Throughput", "## Storage transactions and cost", "## Reads" })
            Assert.Contains(section, text);
        var report = JsonDocument.Parse(await File.ReadAllTextAsync(json)).RootElement;
        foreach (var section in new[] { "ceiling", "ingest", "rollup", "reads", "coldStarts", "prices", "targets" })
            Assert.True(report.TryGetProperty(section, out _), $"latest.json lacks '{section}'.");
        Assert.Equal(9, result.Targets.Count);
        // The read path's targets are judged on every cell, requests per read included.
        Assert.Contains(result.Targets, t => t.Target.StartsWith("Storage requests per read", StringComparison.Ordinal) && t.Verdict != "not available");
        Assert.Equal(options.IngestEvents, result.Ingest.Events);
        Assert.True(result.Ingest.StorageTransactions > 0, "The app's storage transactions were not counted.");
        Assert.Equal(Method.Rounds, result.Ingest.RatioToLayout.Rounds.Length);
        Assert.Equal(Method.Rounds, result.Ceiling.InsertEntitiesPerSecond.Rounds.Length);
        Assert.All(result.Reads.Where(r => r.Available && r.Endpoint != BareRead.Name), r => Assert.Equal(Method.Rounds, r.RatioToBare!.Rounds.Length));
        Assert.Equal((UsageEndpoint.All.Count + 1) * options.Histories.Count, result.Reads.Count);
        Assert.Contains(result.Reads, r => r.Endpoint == "/api/events" && r.Available && r.Samples == options.ReadsPerEndpoint);
        Assert.True(result.Rollup.Available, "The roll-up timer was not fired through the host.");
        Assert.NotNull(result.Ingest.WorkerPeakResidentBytes);
        Assert.NotNull(result.Ingest.HostPeakResidentBytes);
        Assert.Equal([AppLaunch.PackageName, AppLaunch.MinimalName], result.ColdStarts.Select(c => c.Build));
        Assert.All(result.ColdStarts, c => Assert.Equal(options.ColdStarts, c.FirstOkRunsMs.Length));
        Assert.All(result.ColdStarts, c => Assert.Equal(options.ColdStarts, c.LoadedRunsMs.Length));
        Assert.Contains("Cold start of the package", text);
        Assert.Contains("Cold start of the minimal worker", text);
        Assert.Contains("package ÷ minimal worker", text);
    }
}
