using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;

namespace UsageFunctions.Storage.Calls;

/// <summary>
/// Reads the JSON digest rows written before <see cref="CallDigestBinary"/>: compact JSON <c>{"a":[agents],"v":[voices],
/// "m":[{metadata},…],"c":[[created ticks after the hour, duration, billed seconds or null, flags (1 errored, 2 joined),
/// agent index, voice index(, call id, summary or null, metadata index)],…]}</c> (<c>"m"</c> and the text fields in text
/// rows only), cut into string properties <c>D0…</c>. Their calls are in the order the roll-up met them; readers sort.
/// </summary>
internal static class CallDigestJson
{
    /// <summary>The most string pieces such a row holds: 240,000 characters and one call's, in pieces of 30,000.</summary>
    public const int MaxPieces = 10;

    public static List<DigestCall> Decode(TableEntity row, DateTimeOffset hour)
    {
        var json = new StringBuilder();
        for (var i = 0; row.GetString("D" + i.ToString(CultureInfo.InvariantCulture)) is { } piece; i++) json.Append(piece);
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
}
