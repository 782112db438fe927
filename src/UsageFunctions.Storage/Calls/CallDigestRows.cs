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
/// billed seconds or null, flags (1 errored, 2 joined), agent index, voice index(, call id, summary or null, metadata
/// index)],…]}</c>; text rows also hold <c>"m":[{metadata},…]</c>, each distinct metadata once (calls of one campaign
/// share it), cut into string properties <c>D0…</c> of at most 30,000 characters (a property holds 64 KiB);
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
        // A forward-only read of the UTF-8 text (a digest is read on every per-call filter, often hundreds of rows).
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json.ToString()));
        List<string> agents = [], voices = [];
        List<IReadOnlyDictionary<string, string>> metadata = [];
        var entries = new List<(long Ticks, double Duration, double? Billed, int Flags, int Agent, int Voice, (string Id, string? Summary, int Metadata)? Text)>();
        Next(ref reader, JsonTokenType.StartObject);
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            Next(ref reader, JsonTokenType.StartArray);
            if (name == "c")
                while (Next(ref reader) == JsonTokenType.StartArray) entries.Add(ReadEntry(ref reader));
            else if (name == "m")
                while (Next(ref reader) == JsonTokenType.StartObject) metadata.Add(ReadMetadata(ref reader));
            else
            {
                var names = name == "a" ? agents : voices;
                while (Next(ref reader) == JsonTokenType.String) names.Add(reader.GetString()!);
            }
        }
        var calls = new List<DigestCall>(entries.Count);
        foreach (var e in entries)
            calls.Add(new DigestCall(hour.AddTicks(e.Ticks), Name(agents, e.Agent), Name(voices, e.Voice), e.Duration, e.Billed,
                (e.Flags & 1) != 0, (e.Flags & 2) != 0, e.Text is { } t ? new CallText(t.Id, t.Summary, metadata[t.Metadata]) : null));
        return calls;
    }

    /// <summary>One metadata object, its opening brace read.</summary>
    private static Dictionary<string, string> ReadMetadata(ref Utf8JsonReader reader)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            Next(ref reader, JsonTokenType.String);
            metadata[key] = reader.GetString()!;
        }
        return metadata;
    }

    /// <summary>One call's array, its opening bracket read: six figures, then for text rows the id, summary and metadata index.</summary>
    private static (long, double, double?, int, int, int, (string, string?, int)?) ReadEntry(ref Utf8JsonReader reader)
    {
        Next(ref reader, JsonTokenType.Number);
        var ticks = reader.GetInt64();
        Next(ref reader, JsonTokenType.Number);
        var duration = reader.GetDouble();
        double? billed = Next(ref reader) == JsonTokenType.Null ? null : reader.GetDouble();
        Next(ref reader, JsonTokenType.Number);
        var flags = reader.GetInt32();
        Next(ref reader, JsonTokenType.Number);
        var agent = reader.GetInt32();
        Next(ref reader, JsonTokenType.Number);
        var voice = reader.GetInt32();
        (string, string?, int)? text = null;
        if (Next(ref reader) == JsonTokenType.String)
        {
            var id = reader.GetString()!;
            var summary = Next(ref reader) == JsonTokenType.Null ? null : reader.GetString();
            Next(ref reader, JsonTokenType.Number);
            text = (id, summary, reader.GetInt32());
            Next(ref reader, JsonTokenType.EndArray);
        }
        return (ticks, duration, billed, flags, agent, voice, text);
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read()) throw new JsonException("A call digest ends early.");
        return reader.TokenType;
    }

    private static void Next(ref Utf8JsonReader reader, JsonTokenType expected)
    {
        if (Next(ref reader) != expected) throw new JsonException($"A call digest holds {reader.TokenType} where {expected} belongs.");
    }

    private static string? Name(List<string> names, int index) => index < 0 ? null : names[index];

    private sealed class RowBuilder(bool withText)
    {
        private readonly Names _agents = new();
        private readonly Names _voices = new();
        private readonly Names _metadata = new();
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
            var metadata = withText ? $",\"m\":[{string.Join(",", _metadata.InOrder)}]" : "";
            var json = $$"""{"a":{{JsonSerializer.Serialize(_agents.InOrder)}},"v":{{JsonSerializer.Serialize(_voices.InOrder)}}{{metadata}},"c":[{{_calls}}]}""";
            var entity = new TableEntity(partition, rowKey) { ["Calls"] = Count };
            for (var i = 0; i * PieceChars < json.Length; i++)
                entity["D" + i.ToString(CultureInfo.InvariantCulture)] = json.Substring(i * PieceChars, Math.Min(PieceChars, json.Length - i * PieceChars));
            return entity;
        }

        /// <summary>The index of a name (or, with <paramref name="json"/>, of a JSON value written as it is) in the row's own list.</summary>
        private int Index(Names names, string? name, bool json = false)
        {
            if (name is null) return -1;
            if (names.Indexes.TryGetValue(name, out var index)) return index;
            Chars += (json ? name.Length : JsonSerializer.Serialize(name).Length) + 1;
            names.InOrder.Add(name);
            return names.Indexes[name] = names.InOrder.Count - 1;
        }

        private sealed class Names
        {
            public Dictionary<string, int> Indexes { get; } = new(StringComparer.Ordinal);

            public List<string> InOrder { get; } = [];
        }

        private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

        private string TextOf(DigestCall call)
        {
            var text = call.Text ?? throw new ArgumentException("A text digest needs each call's text.", nameof(call));
            var metadata = "{" + string.Join(",", text.Metadata.OrderBy(m => m.Key, StringComparer.Ordinal)
                .Select(m => JsonSerializer.Serialize(m.Key) + ":" + JsonSerializer.Serialize(m.Value))) + "}";
            return $",{JsonSerializer.Serialize(text.CallId)},{(text.Summary is null ? "null" : JsonSerializer.Serialize(text.Summary))},{Index(_metadata, metadata, json: true)}";
        }
    }
}
