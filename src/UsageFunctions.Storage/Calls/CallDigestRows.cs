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
/// RowKey range. A row holds its calls in <see cref="DigestCall.CanonicalOrder"/>, in <see cref="CallDigestBinary"/>'s
/// form, with its own lists of agents, voices and (text rows) distinct metadata, cut into binary properties <c>B0…</c> of
/// at most 60,000 bytes (a property holds 64 KiB); a row holds at most 240,000 bytes before its last call (an entity holds
/// 1 MiB, and one call's text is bounded by the 16 KiB event), so a busy hour takes several rows. About 9 bytes a call
/// for the figures, where the JSON rows written before took 35 characters (<c>D0…</c> string properties, still read).
/// Text rows are kept apart so that reads without a text filter never carry the text.
/// </summary>
public static class CallDigestRows
{
    public const string Prefix = "~calls";
    public const string TextPrefix = "~ctext";
    private const int PieceBytes = 60_000;
    private const int RowBytes = 240_000;

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

    /// <summary>The rows of one hour's calls in one family, the calls in canonical order (none for an hour without calls).</summary>
    public static List<TableEntity> Encode(string partition, DateTimeOffset hour, IEnumerable<DigestCall> calls,
        CallDigestFamily family = CallDigestFamily.Figures)
    {
        var ordered = calls.ToList();
        ordered.Sort(DigestCall.CanonicalOrder);
        var rows = new List<TableEntity>();
        var row = new RowBuilder(family == CallDigestFamily.Text, hour);
        foreach (var call in ordered)
        {
            row.Add(call);
            if (row.Bytes < RowBytes) continue;
            rows.Add(row.ToEntity(partition, HourKey(hour, family) + rows.Count.ToString("D3", CultureInfo.InvariantCulture)));
            row = new RowBuilder(family == CallDigestFamily.Text, hour);
        }
        if (row.Count > 0) rows.Add(row.ToEntity(partition, HourKey(hour, family) + rows.Count.ToString("D3", CultureInfo.InvariantCulture)));
        return rows;
    }

    /// <summary>A row's calls, in the order written: binary rows, or the JSON rows written before them.</summary>
    public static List<DigestCall> Decode(TableEntity row)
    {
        var hour = HourOf(row.RowKey);
        if (row.GetBinary("B0") is not { } first) return CallDigestJson.Decode(row, hour);
        if (row.GetBinary("B1") is null) return CallDigestBinary.Read(first, hour, IsText(row.RowKey));
        var data = new CallDigestBinary.Writer();
        for (var i = 0; row.GetBinary("B" + i.ToString(CultureInfo.InvariantCulture)) is { } piece; i++) data.Append(piece);
        return CallDigestBinary.Read(data.Written, hour, IsText(row.RowKey));
    }

    /// <summary>The characters a row's digest takes in a request body: binary pieces travel as base64.</summary>
    public static int WireChars(TableEntity row) =>
        row.Sum(p => p.Value switch { byte[] b => (b.Length + 2) / 3 * 4, string s => s.Length, _ => 0 });

    private sealed class RowBuilder(bool withText, DateTimeOffset hour)
    {
        private readonly Names _agents = new();
        private readonly Names _voices = new();
        private readonly Names _metadata = new();
        private readonly List<IReadOnlyDictionary<string, string>> _metadataInOrder = [];
        private readonly CallDigestBinary.Writer _calls = new();
        private long _previousTicks = hour.UtcTicks;

        public int Count { get; private set; }

        public int Bytes => _calls.Length + _agents.Bytes + _voices.Bytes + _metadata.Bytes;

        public void Add(DigestCall call)
        {
            var metadata = withText ? MetadataIndex(call.Text ?? throw new ArgumentException("A text digest needs each call's text.", nameof(call))) : 0;
            CallDigestBinary.WriteCall(_calls, call, _previousTicks, _agents.Index(call.AgentId), _voices.Index(call.VoiceId), metadata, withText);
            _previousTicks = call.CreatedAt.UtcTicks;
            Count++;
        }

        public TableEntity ToEntity(string partition, string rowKey)
        {
            var data = new CallDigestBinary.Writer();
            data.Byte(CallDigestBinary.Format);
            _agents.WriteTo(data);
            _voices.WriteTo(data);
            data.Varint((ulong)_metadataInOrder.Count);
            foreach (var metadata in _metadataInOrder)
            {
                data.Varint((ulong)metadata.Count);
                foreach (var (key, value) in metadata.OrderBy(m => m.Key, StringComparer.Ordinal))
                {
                    data.String(key);
                    data.String(value);
                }
            }
            data.Varint((ulong)Count);
            data.Append(_calls.Written);
            var bytes = data.Written;
            var entity = new TableEntity(partition, rowKey) { ["Calls"] = Count };
            for (var i = 0; i * PieceBytes < bytes.Length; i++)
                entity["B" + i.ToString(CultureInfo.InvariantCulture)] = bytes.Slice(i * PieceBytes, Math.Min(PieceBytes, bytes.Length - i * PieceBytes)).ToArray();
            return entity;
        }

        /// <summary>The row's index of a call's metadata: equal metadata (same pairs, any order) is listed once.</summary>
        private int MetadataIndex(CallText text)
        {
            var key = JsonSerializer.Serialize(text.Metadata.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => new[] { m.Key, m.Value }));
            var index = _metadata.Index(key, text.Metadata.Sum(m => Encoding.UTF8.GetByteCount(m.Key) + Encoding.UTF8.GetByteCount(m.Value) + 2) + 1);
            if (index == _metadataInOrder.Count) _metadataInOrder.Add(text.Metadata);
            return index;
        }

        private sealed class Names
        {
            private readonly Dictionary<string, int> _indexes = new(StringComparer.Ordinal);
            private readonly List<string> _inOrder = [];

            public int Bytes { get; private set; }

            /// <summary>The index of <paramref name="name"/> in the row's own list (-1 for none), listing it when new.</summary>
            public int Index(string? name, int? bytes = null)
            {
                if (name is null) return -1;
                if (_indexes.TryGetValue(name, out var index)) return index;
                Bytes += bytes ?? Encoding.UTF8.GetByteCount(name) + 1;
                _inOrder.Add(name);
                return _indexes[name] = _inOrder.Count - 1;
            }

            public void WriteTo(CallDigestBinary.Writer data)
            {
                data.Varint((ulong)_inOrder.Count);
                foreach (var name in _inOrder) data.String(name);
            }
        }
    }
}
