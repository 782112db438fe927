using UsageFunctions.Domain.Events;

namespace UsageFunctions.Storage.Calls;

/// <summary>
/// What a call-usage read needs of one ended call: when the call was created (the instant its event is counted at, so
/// its raw hour), its agent and voice, its duration and what it bills, and, for reads that filter by text (metadata,
/// search), its <see cref="Text"/>. Digests of the figures family carry no text.
/// </summary>
public sealed record DigestCall(
    DateTimeOffset CreatedAt,
    string? AgentId,
    string? VoiceId,
    double DurationSeconds,
    double? SecondsBilled,
    bool Errored,
    bool Joined,
    CallText? Text = null)
{
    public static DigestCall? Of(UsageEvent stored) => stored.Payload is CallEnded call
        ? new DigestCall(call.CreatedAt, call.AgentId, call.VoiceId, call.DurationSeconds, call.SecondsBilled, call.Errored, call.Joined,
            new CallText(call.CallId, call.Summary, call.Metadata))
        : null;

    /// <summary>
    /// The order an hour's calls are digested and summed in: creation time, then every figure, then the call id. Reads sum
    /// each hour's matching calls in this order whatever their source (digest rows or raw events), so both answer the same
    /// figures to the last bit.
    /// </summary>
    public static int CanonicalOrder(DigestCall? a, DigestCall? b)
    {
        if (ReferenceEquals(a, b)) return 0;
        if (a is null) return -1;
        if (b is null) return 1;
        var order = a.CreatedAt.UtcTicks.CompareTo(b.CreatedAt.UtcTicks);
        if (order == 0) order = a.DurationSeconds.CompareTo(b.DurationSeconds);
        if (order == 0) order = Nullable.Compare(a.SecondsBilled, b.SecondsBilled);
        if (order == 0) order = string.CompareOrdinal(a.AgentId, b.AgentId);
        if (order == 0) order = string.CompareOrdinal(a.VoiceId, b.VoiceId);
        if (order == 0) order = a.Errored.CompareTo(b.Errored);
        if (order == 0) order = a.Joined.CompareTo(b.Joined);
        return order == 0 ? string.CompareOrdinal(a.Text?.CallId, b.Text?.CallId) : order;
    }

    /// <summary>Sorts <paramref name="calls"/> in <see cref="CanonicalOrder"/>, unless they already are (digest rows are written so).</summary>
    public static void SortCanonically(List<DigestCall> calls)
    {
        for (var i = 1; i < calls.Count; i++)
        {
            if (CanonicalOrder(calls[i - 1], calls[i]) <= 0) continue;
            calls.Sort(CanonicalOrder);
            return;
        }
    }
}

/// <summary>
/// The parts of a call that text filters read: its id, summary and metadata. A read that filters by metadata alone leaves
/// the id and summary out (<see cref="CallId"/> null).
/// </summary>
public sealed record CallText(string? CallId, string? Summary, IReadOnlyDictionary<string, string> Metadata);
