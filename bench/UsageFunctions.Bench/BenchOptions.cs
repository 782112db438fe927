namespace UsageFunctions.Bench;

/// <summary>Sizes of one run. Quick mode keeps the harness honest in CI; full mode produces the published table.</summary>
public sealed record BenchOptions(
    string Mode, int CeilingEntities, int IngestEvents, IReadOnlyList<int> Histories, int ReadsPerEndpoint,
    int ColdStarts, int Producers, string OutputDirectory, string? Package = null)
{
    /// <summary>
    /// CloudEvents sources of the ingest run (<c>/bench/producer-0</c> … <c>-15</c>), sent by <see cref="Producers"/>
    /// concurrent clients: many numbered sending instances, spread over every raw-event shard as the app places them.
    /// </summary>
    public int Sources { get; init; } = 16;

    /// <summary>Events of the warm-up before the measured rounds, for each side (bare and app).</summary>
    public int WarmUpEvents { get; init; } = 2_000;

    /// <summary>
    /// Cold-start and read with the roll-up caught up: before the roll-up that precedes them, wait until what was just
    /// sent is behind the watermark (the app runs with one grace minute, see <see cref="AppProcess"/>), about 1–2 minutes
    /// each time. Without it every hour just sent is still pending and the first reads count it from raw events, so the
    /// cold start would measure a raw recount of the busy hour, not a start.
    /// </summary>
    public bool CaughtUp { get; init; } = true;

    public static BenchOptions Quick(string output) => new("quick", 4_000, 4_000, [1_000, 4_000], 30, 5, 4, output);

    /// <summary>
    /// The busy hour holds 20k events: in-memory Azurite finds a row by scanning its partition, so inserting into one
    /// hour's two partitions slows down with their size (100k events in one hour fell to about 60 events/s).
    /// </summary>
    public static BenchOptions Full(string output) => new("full", 20_000, 20_000, [10_000, 100_000, 1_000_000], 100, 7, 4, output);

    /// <summary>
    /// <c>--mode quick|full</c> (full by default), <c>--out DIR</c> (bench/results by default) and <c>--package ZIP</c>
    /// (cold-start this package instead of building one).
    /// </summary>
    public static BenchOptions Parse(string[] args, string repositoryRoot)
    {
        string Value(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }
        var output = Path.GetFullPath(Value("--out", Path.Combine(repositoryRoot, "bench", "results")));
        var options = Value("--mode", "full") switch
        {
            "quick" => Quick(output),
            "full" => Full(output),
            var other => throw new ArgumentException($"Unknown mode '{other}': use --mode quick or --mode full."),
        };
        return Value("--package", "") is { Length: > 0 } zip ? options with { Package = Path.GetFullPath(zip) } : options;
    }
}
