using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using UsageFunctions.Storage.Tables;

namespace UsageFunctions.Storage.Calls;

/// <summary>The two digests kept of a day's calls: their figures, and their figures with their text.</summary>
public enum CallDigestFamily
{
    /// <summary><c>~cday</c>: what every per-call filter but the text ones reads.</summary>
    Figures,

    /// <summary><c>~tday</c>: the same calls with their id, summary and metadata, for metadata and search filters.</summary>
    Text,
}

/// <summary>
/// A UTC day's ended calls as <see cref="DigestCall"/>s, in the account's day partition (<c>{account}~d~{yyyyMM}</c>) under
/// RowKey <c>~cday~{yyyyMMdd}~{chunk}</c> (figures) and <c>~tday~{yyyyMMdd}~{chunk}</c> (figures and text): '~' is
/// escaped in every aggregate key, so these rows sort after all of them and a day range of one family is one RowKey
/// range, one row per day (a page of 1,000 rows covers years). A row's <c>Hours</c> property is the mask of the day's
/// hours it answers for (bit h: hour h was digested, with or without calls); the other hours were never rolled up with
/// digests and are read raw. A row holds its calls in <see cref="DigestCall.CanonicalOrder"/>, in
/// <see cref="CallDigestBinary"/>'s form, with its own lists of agents, voices and (text rows) distinct metadata, cut
/// into binary properties <c>B0…</c> of at most 60,000 bytes (a property holds 64 KiB); a text row's call ids and
/// summaries are cut the same way into <c>T0…</c>, so a read filtering by metadata alone selects the <c>B</c> pieces
/// only. A row holds at most 240,000 bytes before its last call (an entity holds 1 MiB, and one call's text is bounded by
/// the 16 KiB event), so a busy day takes several rows. About 9 bytes a call for the figures. Text rows are kept apart so
/// that reads without a text filter never carry the text.
/// <para>
/// Rows written before, one per hour as JSON strings <c>D0…</c> under <c>~calls~{yyyyMMddHH}~{chunk}</c> and
/// <c>~ctext~{yyyyMMddHH}~{chunk}</c> (<see cref="CallDigestJson"/>), are still read, for the hours no day row answers
/// for; the roll-up folds them into its day row when it rewrites the day, and retention deletes the rest.
/// </para>
/// </summary>
public static class CallDigestRows
{
    /// <summary>Every digest RowKey begins with it; no aggregate RowKey does ('~' is escaped in them).</summary>
    public const string KeysFrom = "~";
    public const string DayPrefix = "~cday";
    public const string TextDayPrefix = "~tday";
    public const string HourPrefix = "~calls";
    public const string TextHourPrefix = "~ctext";
    private const int PieceBytes = 60_000;
    private const int RowBytes = 240_000;

    /// <summary>The most <c>B</c> pieces a row holds: 240,000 bytes and one call's (its metadata at most 16 KiB) fit in five.</summary>
    public const int MaxPieces = 5;

    /// <summary>The first RowKey of a day's rows of a family; the next day's is the exclusive end of its range.</summary>
    public static string DayKey(DateTimeOffset day, CallDigestFamily family = CallDigestFamily.Figures) =>
        StorageKeys.Join(family == CallDigestFamily.Text ? TextDayPrefix : DayPrefix,
            day.ToUniversalTime().ToString("yyyyMMdd", CultureInfo.InvariantCulture)) + StorageKeys.Separator;

    /// <summary>The first RowKey of an hour's rows of the hour-row layout written before day rows.</summary>
    public static string HourKey(DateTimeOffset hour, CallDigestFamily family = CallDigestFamily.Figures) =>
        StorageKeys.Join(family == CallDigestFamily.Text ? TextHourPrefix : HourPrefix,
            hour.ToUniversalTime().ToString("yyyyMMddHH", CultureInfo.InvariantCulture)) + StorageKeys.Separator;

    /// <summary>A RowKey range (inclusive start, exclusive end) of one family and layout that holds [from, to).</summary>
    public static (string From, string To) Range(DateTimeOffset from, DateTimeOffset to, CallDigestFamily family, bool hourRows) =>
        hourRows ? (HourKey(from, family), HourKey(to, family)) : (DayKey(from, family), DayKey(to, family));

    /// <summary>A digest row of the figures family, of either layout.</summary>
    public static bool IsDigest(string rowKey) => Starts(rowKey, DayPrefix) || Starts(rowKey, HourPrefix);

    /// <summary>A digest row of the text family, of either layout.</summary>
    public static bool IsText(string rowKey) => Starts(rowKey, TextDayPrefix) || Starts(rowKey, TextHourPrefix);

    /// <summary>A row of the hour-row layout written before day rows.</summary>
    public static bool IsHourRow(string rowKey) => Starts(rowKey, HourPrefix) || Starts(rowKey, TextHourPrefix);

    /// <summary>The day of a day row (both day prefixes have the same length).</summary>
    public static DateTimeOffset DayOf(string rowKey) => DateTimeOffset.ParseExact(rowKey.AsSpan(DayPrefix.Length + 1, 8), "yyyyMMdd",
        CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    /// <summary>The hour of an hour row (both hour prefixes have the same length).</summary>
    public static DateTimeOffset HourOf(string rowKey) => DateTimeOffset.ParseExact(rowKey.AsSpan(HourPrefix.Length + 1, 10), "yyyyMMddHH",
        CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    /// <summary>The family of a digest row of either layout.</summary>
    public static CallDigestFamily FamilyOf(string rowKey) => IsText(rowKey) ? CallDigestFamily.Text : CallDigestFamily.Figures;

    /// <summary>The UTC day a digest row of either layout belongs to.</summary>
    public static DateTimeOffset DayOfRow(string rowKey) =>
        IsHourRow(rowKey) ? new DateTimeOffset(HourOf(rowKey).UtcDateTime.Date, TimeSpan.Zero) : DayOf(rowKey);

    /// <summary>The hours a row answers for: a day row's <c>Hours</c> mask, or an hour row's own hour.</summary>
    public static IEnumerable<DateTimeOffset> HoursOf(TableEntity row)
    {
        if (IsHourRow(row.RowKey))
        {
            yield return HourOf(row.RowKey);
            yield break;
        }
        var day = DayOf(row.RowKey);
        var mask = row.GetInt32("Hours") ?? 0;
        for (var h = 0; h < 24; h++)
            if ((mask & (1 << h)) != 0) yield return day.AddHours(h);
    }

    /// <summary>
    /// The rows of one day's calls in one family, answering for the hours of <paramref name="hours"/> (bit h for hour h),
    /// the calls in canonical order (none for a day without calls: its hours need no answer).
    /// </summary>
    public static List<TableEntity> Encode(string partition, DateTimeOffset day, IEnumerable<DigestCall> calls, int hours,
        CallDigestFamily family = CallDigestFamily.Figures)
    {
        var ordered = calls.ToList();
        ordered.Sort(DigestCall.CanonicalOrder);
        var rows = new List<TableEntity>();
        var row = new RowBuilder(family == CallDigestFamily.Text, day);
        foreach (var call in ordered)
        {
            row.Add(call);
            if (row.Bytes < RowBytes) continue;
            rows.Add(row.ToEntity(partition, DayKey(day, family) + rows.Count.ToString("D3", CultureInfo.InvariantCulture), hours));
            row = new RowBuilder(family == CallDigestFamily.Text, day);
        }
        if (row.Count > 0) rows.Add(row.ToEntity(partition, DayKey(day, family) + rows.Count.ToString("D3", CultureInfo.InvariantCulture), hours));
        return rows;
    }

    /// <summary>
    /// A row's calls, in the order written: binary day rows, or the JSON hour rows written before them. A text day row
    /// read without its <c>T</c> properties (<see cref="MetadataOnly"/>) gives its calls' metadata without ids or summaries.
    /// </summary>
    public static List<DigestCall> Decode(TableEntity row)
    {
        if (IsHourRow(row.RowKey)) return CallDigestJson.Decode(row, HourOf(row.RowKey));
        var data = Pieces(row, "B") ?? throw new FormatException($"The call digest row {row.RowKey} holds no calls.");
        return CallDigestBinary.Read(data.Span, DayOf(row.RowKey), IsText(row.RowKey), (Pieces(row, "T") ?? default).Span);
    }

    /// <summary>
    /// The properties a read of text rows selects when it filters by metadata alone: keys, <c>Hours</c> and the <c>B</c>
    /// pieces (a row has at most <see cref="MaxPieces"/>), not the <c>T</c> pieces of ids and summaries; the JSON rows
    /// written before hold ids inline, so their <c>D</c> pieces are selected whole. <paramref name="also"/> adds others.
    /// </summary>
    public static IReadOnlyList<string> MetadataOnly(params string[] also) =>
        ["PartitionKey", "RowKey", "Hours", .. Names("B", MaxPieces), .. Names("D", CallDigestJson.MaxPieces), .. also];

    private static IEnumerable<string> Names(string prefix, int count) =>
        Enumerable.Range(0, count).Select(i => prefix + i.ToString(CultureInfo.InvariantCulture));

    private static ReadOnlyMemory<byte>? Pieces(TableEntity row, string prefix)
    {
        if (row.GetBinary(prefix + "0") is not { } first) return null;
        if (row.GetBinary(prefix + "1") is null) return first;
        var data = new CallDigestBinary.Writer();
        for (var i = 0; row.GetBinary(prefix + i.ToString(CultureInfo.InvariantCulture)) is { } piece; i++) data.Append(piece);
        return data.Written.ToArray();
    }

    /// <summary>The characters a row's digest takes in a request body: binary pieces travel as base64.</summary>
    public static int WireChars(TableEntity row) =>
        row.Sum(p => p.Value switch { byte[] b => (b.Length + 2) / 3 * 4, string s => s.Length, _ => 0 });

    private static bool Starts(string rowKey, string prefix) =>
        rowKey.Length > prefix.Length && rowKey.StartsWith(prefix, StringComparison.Ordinal) && rowKey[prefix.Length] == StorageKeys.Separator;

    private sealed class RowBuilder(bool withText, DateTimeOffset day)
    {
        private readonly Names _agents = new();
        private readonly Names _voices = new();
        private readonly Names _metadata = new();
        private readonly List<IReadOnlyDictionary<string, string>> _metadataInOrder = [];
        private readonly CallDigestBinary.Writer _calls = new();
        private readonly CallDigestBinary.Writer? _ids = withText ? new() : null;
        private long _previousTicks = day.UtcTicks;

        public int Count { get; private set; }

        public int Bytes => _calls.Length + (_ids?.Length ?? 0) + _agents.Bytes + _voices.Bytes + _metadata.Bytes;

        public void Add(DigestCall call)
        {
            var metadata = withText ? MetadataIndex(call.Text ?? throw new ArgumentException("A text digest needs each call's text.", nameof(call))) : 0;
            CallDigestBinary.WriteCall(_calls, _ids, call, _previousTicks, _agents.Index(call.AgentId), _voices.Index(call.VoiceId), metadata);
            _previousTicks = call.CreatedAt.UtcTicks;
            Count++;
        }

        public TableEntity ToEntity(string partition, string rowKey, int hours)
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
            var entity = new TableEntity(partition, rowKey) { ["Calls"] = Count, ["Hours"] = hours };
            if (Cut(entity, "B", data.Written) > MaxPieces) throw new InvalidOperationException($"A call digest row took more than {MaxPieces} pieces.");
            if (_ids is not null) Cut(entity, "T", _ids.Written);
            return entity;
        }

        /// <summary>Cuts <paramref name="bytes"/> into properties <c>{prefix}0…</c>; answers how many.</summary>
        private static int Cut(TableEntity entity, string prefix, ReadOnlySpan<byte> bytes)
        {
            var i = 0;
            for (; i * PieceBytes < bytes.Length; i++)
                entity[prefix + i.ToString(CultureInfo.InvariantCulture)] = bytes.Slice(i * PieceBytes, Math.Min(PieceBytes, bytes.Length - i * PieceBytes)).ToArray();
            return i;
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
