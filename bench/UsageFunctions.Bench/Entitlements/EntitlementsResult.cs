namespace UsageFunctions.Bench;

/// <summary>What <c>--scenario entitlements</c> measured; written as entitlements[-quick].json and .md.</summary>
public sealed record EntitlementsResult(string Mode, DateTimeOffset StartedAt, double DurationSeconds, string Meter, IReadOnlyList<EntitlementRow> Rows);

/// <summary>
/// One history size in one state. Check, Bare and HourQuery: latencies over every round (p50 as the median of the
/// rounds' p50s); Ratio and HourQueryRatio: each round's check p50 over the bare point read's, or the bare hour query's,
/// p50 in the same round. Used: the check's answer, equal to the message events sent.
/// </summary>
public sealed record EntitlementRow(int History, string State, long Used, double LoadEventsPerSecond, double RollupMs, Latency Check, Latency Bare,
    Spread Ratio, double RequestsPerCheck, Latency HourQuery, Spread HourQueryRatio);

/// <summary>p50 as a spread of the rounds' p50s; p99 over every sample.</summary>
public sealed record Latency(Spread P50, double P99, int Samples)
{
    public static Latency Of(IReadOnlyList<double[]> rounds)
    {
        var all = rounds.SelectMany(r => r).Order().ToArray();
        return new Latency(Spread.Of(rounds.Select(MedianOf)), ReadScenario.Percentile(all, 99), all.Length);
    }

    public static double MedianOf(double[] round) => ReadScenario.Percentile(round.Order().ToArray(), 50);
}
