using UsageFunctions.Storage.Calls;

namespace UsageFunctions.App.Vendors.Ultravox;

/// <summary>
/// The call filters of Ultravox's usage endpoints, parsed. Dates are a half-open UTC range on call creation;
/// time of day is the creation time's UTC time of day, inclusive, wrapping past midnight when start &gt; end. Agent and
/// voice filters name an id as stored or as <see cref="Ids"/> presents it.
/// </summary>
public sealed record CallFilters(
    IReadOnlySet<string> AgentIds,
    string? VoiceId,
    double? DurationMin,
    double? DurationMax,
    DateTimeOffset? From,
    DateTimeOffset? ToExclusive,
    TimeSpan? TimeOfDayStart,
    TimeSpan? TimeOfDayEnd,
    IReadOnlyDictionary<string, string> Metadata,
    string? Search,
    UltravoxIds Ids)
{
    /// <summary>Filters that need each call (from the call digests); the rest come from the aggregates.</summary>
    public bool NeedsEachCall =>
        DurationMin is not null || DurationMax is not null || TimeOfDayStart is not null || TimeOfDayEnd is not null
        || Metadata.Count > 0 || Search is not null || (AgentIds.Count > 0 && VoiceId is not null);

    /// <summary>Filters on a call's text (metadata, summary, id), which only its raw event and the text digests hold.</summary>
    public bool NeedsText => Metadata.Count > 0 || Search is not null;

    /// <summary>Every filter; a call read without its text matches no text filter (<see cref="NeedsText"/>).</summary>
    public bool Matches(DigestCall call) =>
        Matches(call.CreatedAt, call.AgentId, call.VoiceId, call.DurationSeconds)
        && (!NeedsText || call.Text is { } text && MatchesText(text.CallId, text.Summary, text.Metadata));

    private bool MatchesText(string? callId, string? summary, IReadOnlyDictionary<string, string> metadata)
    {
        foreach (var (key, value) in Metadata)
            if (!metadata.TryGetValue(key, out var actual) || actual != value) return false;
        return Search is null || Contains(callId) || Contains(summary) || metadata.Values.Any(Contains);
    }

    private bool Matches(DateTimeOffset createdAt, string? agentId, string? voiceId, double durationSeconds) =>
        IncludesAgent(agentId) && IncludesVoice(voiceId) && durationSeconds >= (DurationMin ?? double.MinValue)
        && durationSeconds <= (DurationMax ?? double.MaxValue) && createdAt >= (From ?? DateTimeOffset.MinValue)
        && createdAt < (ToExclusive ?? DateTimeOffset.MaxValue) && InTimeOfDay(createdAt.UtcDateTime.TimeOfDay);

    public bool IncludesAgent(string? id) =>
        AgentIds.Count == 0 || id is not null && (AgentIds.Contains(id) || AgentIds.Contains(Ids.Present(UltravoxIds.Agent, id)));

    public bool IncludesVoice(string? id) =>
        VoiceId is null || id is not null && (id == VoiceId || Ids.Present(UltravoxIds.Voice, id) == VoiceId);

    private bool InTimeOfDay(TimeSpan time)
    {
        var start = TimeOfDayStart ?? TimeSpan.Zero;
        var end = TimeOfDayEnd ?? TimeSpan.FromDays(1);
        return start <= end ? time >= start && time <= end : time >= start || time <= end;
    }

    private bool Contains(string? text) => text is not null && text.Contains(Search!, StringComparison.OrdinalIgnoreCase);
}
