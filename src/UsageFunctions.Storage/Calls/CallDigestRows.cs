using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using UsageFunctions.Storage.Tables;

namespace UsageFunctions.Storage.Calls;

/// <summary>The two digests kept of an hour's calls: their figures, and their figures with their text.</summary>
public enum CallDigestFamily
{
    /// <summary><c>~calls</c>: what every per-call filter but the text ones reads.</summary>
    Figures,

    /// <summary><c>~ctext</c>: the same calls with their id, summary and metadata, for metadata and search filters.</summary>
    Text,
}

/// <summary>
/// An hour's ended calls as <see cref="DigestCall"/>s, in the account's day partition (<c>{account}~d~{yyyyMM}</c>) under
/// RowKey <c>~calls~{yyyyMMddHH}~{chunk}</c> (figures) and <c>~ctext~{yyyyMMddHH}~{chunk}</c> (figures and text):
/// '~' is escaped in every aggregate key, so these rows sort after all of them and an hour range of one family is one
/// RowKey range. A row is compact JSON <c>{"a":[agents],"v":[voices],"c":[[created ticks after the hour, duration,
/// billed seconds or null, flags (1 errored, 2 joined), agent index, voice index(, call id, summary or null,
/// {metadata})],…]}</c>, cut into string properties <c>D0…</c> of at most 30,000 characters (a property holds 64 KiB);
/// a row holds at most 240,000 characters before its last call (an entity holds 1 MiB, and one call's text is bounded by
/// the 16 KiB event), so a busy hour takes several rows. Text rows are kept apart so that reads without a text filter
/// never carry the text.
/// </summary>
public static class CallDigestRows
{
    public const string Prefix = "~calls";
    public const string TextPrefix = "~ctext";
    private const int PieceChars = 30_000;
    private const int RowChars = 240_000;

    /// <summary>The first RowKey of an hour's rows of a family; the next hour's is the exclusive end of its range.</summary>
    public static string HourKey(DateTimeOffset hour, CallDigestFamily family = CallDigestFamily.Figures) =>
        StorageKeys.Join(PrefixOf(family), hour.ToUniversalTime().ToString("yyyyMMddHH", CultureInfo.InvariantCulture)) + StorageKeys.Separator;

    public static string PrefixOf(CallDigestFamily family) => family == CallDigestFamily.Text ? TextPrefix : Prefix;

    /// <summary>The hour of a digest row of either family (both prefixes have the same length).</summary>
    public static DateTimeOffset HourOf(string rowKey) => DateTimeOffset.ParseExact(rowKey.AsSpan(Prefix.Length + 1, 10), "yyyyMMddHH",
        CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    /// <summary>A row of the figures family.</summary>
    public static bool IsDigest(string rowKey) => rowKey.StartsWith(Prefix + StorageKeys.Separator, StringComparison.Ordinal);

    /// <summary>A row of the text family.</summary>
    public static bool IsText(string rowKey) => rowKey.StartsWith(TextPrefix + StorageKeys.Separator, StringComparison.Ordinal);

    /// <summary>The rows of one hour's calls in one family (none for an hour without calls).</summary>
    public static List<TableEntity> Encode(string partition, DateTimeOffset hour, IEnumerable<DigestCall> calls,
        CallDigestFamily family = CallDigestFamily.Figures)
    {
        var rows = new List<TableEntity>();
        var row = new RowBuilder(family == CallDigestFamily.Text);
        foreach (var call in calls)
        {
            row.Add(call, hour);
            if (row.Chars < RowChars) continue;
            rows.Add(row.ToEntity(partition, HourKey(hour, family) + rows.Count.ToString("D3", CultureInfo.InvariantCulture)));
            row = new RowBuilder(family == CallDigestFamily.Text);
        }
        if (row.Count > 0) rows.Add(row.ToEntity(partition, HourKey(hour, family) + rows.Count.ToString("D3", CultureInfo.InvariantCulture)));
        return rows;
    }

    public static IEnumerable<DigestCall> Decode(TableEntity row)
    {
        var hour = HourOf(row.RowKey);
        var json = new StringBuilder();
        for (var i = 0; row.GetString("D" + i.ToString(CultureInfo.InvariantCulture)) is { } piece; i++) json.Append(piece);
        using var document = JsonDocument.Parse(json.ToString());
        var agents = NamesOf(document.RootElement.GetProperty("a"));
        var voices = NamesOf(document.RootElement.GetProperty("v"));
        var calls = new List<DigestCall>();
        foreach (var c in document.RootElement.GetProperty("c").EnumerateArray())
        {
            var flags = c[3].GetInt32();
            var text = c.GetArrayLength() > 6
                ? new CallText(c[6].GetString()!, c[7].GetString(), c[8].EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal))
                : null;
            calls.Add(new DigestCall(hour.AddTicks(c[0].GetInt64()), Name(agents, c[4].GetInt32()), Name(voices, c[5].GetInt32()),
                c[1].GetDouble(), c[2].ValueKind == JsonValueKind.Null ? null : c[2].GetDouble(), (flags & 1) != 0, (flags & 2) != 0, text));
        }
        return calls;
    }

    private static List<string> NamesOf(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    private static string? Name(List<string> names, int index) => index < 0 ? null : names[index];

    private sealed class RowBuilder(bool withText)
    {
        private readonly Names _agents = new();
        private readonly Names _voices = new();
        private readonly StringBuilder _calls = new();

        public int Count { get; private set; }

        public int Chars { get; private set; }

        public void Add(DigestCall call, DateTimeOffset hour)
        {
            var entry = string.Create(CultureInfo.InvariantCulture,
                $"[{call.CreatedAt.UtcTicks - hour.UtcTicks},{Number(call.DurationSeconds)},{(call.SecondsBilled is { } b ? Number(b) : "null")},{(call.Errored ? 1 : 0) | (call.Joined ? 2 : 0)},{Index(_agents, call.AgentId)},{Index(_voices, call.VoiceId)}{(withText ? TextOf(call) : "")}]");
            if (Count > 0) _calls.Append(',');
            _calls.Append(entry);
            Count++;
            Chars += entry.Length + 1;
        }

        public TableEntity ToEntity(string partition, string rowKey)
        {
            var json = $$"""{"a":{{JsonSerializer.Serialize(_agents.InOrder)}},"v":{{JsonSerializer.Serialize(_voices.InOrder)}},"c":[{{_calls}}]}""";
            var entity = new TableEntity(partition, rowKey) { ["Calls"] = Count };
            for (var i = 0; i * PieceChars < json.Length; i++)
                entity["D" + i.ToString(CultureInfo.InvariantCulture)] = json.Substring(i * PieceChars, Math.Min(PieceChars, json.Length - i * PieceChars));
            return entity;
        }

        private int Index(Names names, string? name)
        {
            if (name is null) return -1;
            if (names.Indexes.TryGetValue(name, out var index)) return index;
            Chars += JsonSerializer.Serialize(name).Length + 1;
            names.InOrder.Add(name);
            return names.Indexes[name] = names.InOrder.Count - 1;
        }

        private sealed class Names
        {
            public Dictionary<string, int> Indexes { get; } = new(StringComparer.Ordinal);

            public List<string> InOrder { get; } = [];
        }

        private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

        private static string TextOf(DigestCall call)
        {
            var text = call.Text ?? throw new ArgumentException("A text digest needs each call's text.", nameof(call));
            var metadata = string.Join(",", text.Metadata.OrderBy(m => m.Key, StringComparer.Ordinal)
                .Select(m => JsonSerializer.Serialize(m.Key) + ":" + JsonSerializer.Serialize(m.Value)));
            return $",{JsonSerializer.Serialize(text.CallId)},{(text.Summary is null ? "null" : JsonSerializer.Serialize(text.Summary))},{{{metadata}}}";
        }
    }
}
