using System.Buffers.Binary;
using System.Text;

namespace UsageFunctions.Storage.Calls;

/// <summary>
/// The binary form of a digest row's calls (format 1). Integers are LEB128 varints, signed ones zigzagged first; a
/// string is its UTF-8 byte count and bytes; a double is 8 little-endian bytes, or its thousandths as a varint when that
/// gives back the same bits.
/// <code>
/// 1 · agents (count, strings) · voices (count, strings) · metadata (count, each: pair count, key and value strings)
///   · calls (count, each call:)
///     flags: 1 errored, 2 joined, 4 billed, 8 billed = duration, 16 duration in thousandths, 32 billed in thousandths,
///            64 creation step in whole milliseconds
///     creation step (signed): ticks after the previous call, the first after the row's day (whole ms with flag 64)
///     duration · billed (with flag 4 and not 8) · agent index + 1 (0: none) · voice index + 1
///     text rows: metadata index
/// </code>
/// A text row keeps its calls' ids and summaries in a stream of their own, in the same order (call id · summary byte count
/// + 1, 0 for none, and bytes), so a read that filters by metadata alone can leave them out. Calls are written in
/// <see cref="DigestCall.CanonicalOrder"/>, so creation steps are small and readers need not sort.
/// </summary>
internal static class CallDigestBinary
{
    public const byte Format = 1;

    [Flags]
    private enum CallFlags
    {
        Errored = 1, Joined = 2, Billed = 4, BilledIsDuration = 8, DurationMillis = 16, BilledMillis = 32, StepMillis = 64,
    }

    /// <summary>Appends one call to <paramref name="w"/> and, for a text row, its id and summary to <paramref name="ids"/>.</summary>
    public static void WriteCall(Writer w, Writer? ids, DigestCall call, long previousTicks, int agent, int voice, int metadata)
    {
        var step = call.CreatedAt.UtcTicks - previousTicks;
        var flags = (call.Errored ? CallFlags.Errored : 0) | (call.Joined ? CallFlags.Joined : 0);
        var durationMillis = Millis(call.DurationSeconds);
        if (durationMillis is not null) flags |= CallFlags.DurationMillis;
        long? billedMillis = null;
        if (call.SecondsBilled is { } billed)
        {
            flags |= CallFlags.Billed;
            if (BitConverter.DoubleToInt64Bits(billed) == BitConverter.DoubleToInt64Bits(call.DurationSeconds)) flags |= CallFlags.BilledIsDuration;
            else if ((billedMillis = Millis(billed)) is not null) flags |= CallFlags.BilledMillis;
        }
        if (step % TimeSpan.TicksPerMillisecond == 0) flags |= CallFlags.StepMillis;
        w.Varint((ulong)flags);
        w.Signed((flags & CallFlags.StepMillis) != 0 ? step / TimeSpan.TicksPerMillisecond : step);
        if (durationMillis is { } dm) w.Signed(dm);
        else w.Double(call.DurationSeconds);
        if ((flags & CallFlags.Billed) != 0 && (flags & CallFlags.BilledIsDuration) == 0)
        {
            if (billedMillis is { } bm) w.Signed(bm);
            else w.Double(call.SecondsBilled!.Value);
        }
        w.Varint((ulong)(agent + 1));
        w.Varint((ulong)(voice + 1));
        if (ids is null) return;
        var text = call.Text ?? throw new ArgumentException("A text digest needs each call's text.", nameof(call));
        w.Varint((ulong)metadata);
        ids.String(text.CallId!);
        if (text.Summary is null) ids.Varint(0);
        else ids.String(text.Summary, lengthBias: 1);
    }

    /// <summary>
    /// The calls of one row, in the order written; <paramref name="withText"/> for a row of the text family, whose calls
    /// carry their ids and summaries when <paramref name="ids"/> holds that stream (else only their metadata).
    /// </summary>
    public static List<DigestCall> Read(ReadOnlySpan<byte> data, DateTimeOffset start, bool withText, ReadOnlySpan<byte> ids = default)
    {
        var r = new Reader(data);
        var t = new Reader(ids);
        if (r.Byte() != Format) throw new FormatException("A call digest row has a format this version does not read.");
        var agents = r.Strings();
        var voices = r.Strings();
        var metadata = new IReadOnlyDictionary<string, string>[r.Count()];
        for (var m = 0; m < metadata.Length; m++)
        {
            var count = r.Count();
            var pairs = new Dictionary<string, string>(count, StringComparer.Ordinal);
            for (var p = 0; p < count; p++)
            {
                var key = r.String();
                pairs[key] = r.String();
            }
            metadata[m] = pairs;
        }
        var callCount = r.Count();
        var calls = new List<DigestCall>(callCount);
        var ticks = start.UtcTicks;
        for (var i = 0; i < callCount; i++)
        {
            var flags = (CallFlags)r.Varint();
            var step = r.Signed();
            ticks += (flags & CallFlags.StepMillis) != 0 ? step * TimeSpan.TicksPerMillisecond : step;
            var duration = (flags & CallFlags.DurationMillis) != 0 ? r.Signed() / 1000.0 : r.Double();
            double? billed = (flags & CallFlags.Billed) == 0 ? null
                : (flags & CallFlags.BilledIsDuration) != 0 ? duration
                : (flags & CallFlags.BilledMillis) != 0 ? r.Signed() / 1000.0 : r.Double();
            var agent = Name(agents, r.Count() - 1);
            var voice = Name(voices, r.Count() - 1);
            CallText? text = null;
            if (withText)
            {
                var index = r.Count();
                var pairs = index < metadata.Length ? metadata[index] : throw new FormatException("A call digest names metadata it does not list.");
                if (ids.IsEmpty) text = new CallText(null, null, pairs);
                else
                {
                    var id = t.String();
                    var summaryLength = t.Count();
                    text = new CallText(id, summaryLength == 0 ? null : t.Utf8(summaryLength - 1), pairs);
                }
            }
            calls.Add(new DigestCall(new DateTimeOffset(ticks, TimeSpan.Zero), agent, voice, duration, billed,
                (flags & CallFlags.Errored) != 0, (flags & CallFlags.Joined) != 0, text));
        }
        if (!r.AtEnd || !t.AtEnd) throw new FormatException("A call digest row holds more than its calls.");
        return calls;
    }

    private static string? Name(string[] names, int index) =>
        index < 0 ? null : index < names.Length ? names[index] : throw new FormatException("A call digest names an index it does not list.");

    /// <summary>The thousandths of <paramref name="value"/> when dividing them by 1,000 gives back exactly its bits.</summary>
    private static long? Millis(double value)
    {
        if (!double.IsFinite(value) || Math.Abs(value) > 1e12) return null;
        var millis = (long)Math.Round(value * 1000);
        return BitConverter.DoubleToInt64Bits(millis / 1000.0) == BitConverter.DoubleToInt64Bits(value) ? millis : null;
    }

    /// <summary>A growing byte buffer with the codec's primitives.</summary>
    public sealed class Writer
    {
        private byte[] _bytes = new byte[256];

        public int Length { get; private set; }

        public ReadOnlySpan<byte> Written => _bytes.AsSpan(0, Length);

        public void Byte(byte value)
        {
            Ensure(1);
            _bytes[Length++] = value;
        }

        public void Varint(ulong value)
        {
            Ensure(10);
            while (value >= 0x80)
            {
                _bytes[Length++] = (byte)(value | 0x80);
                value >>= 7;
            }
            _bytes[Length++] = (byte)value;
        }

        public void Signed(long value) => Varint((ulong)((value << 1) ^ (value >> 63)));

        public void Double(double value)
        {
            Ensure(8);
            BinaryPrimitives.WriteDoubleLittleEndian(_bytes.AsSpan(Length), value);
            Length += 8;
        }

        public void String(string value, int lengthBias = 0)
        {
            var bytes = Encoding.UTF8.GetByteCount(value);
            Varint((ulong)(bytes + lengthBias));
            Ensure(bytes);
            Length += Encoding.UTF8.GetBytes(value, _bytes.AsSpan(Length));
        }

        public void Append(ReadOnlySpan<byte> bytes)
        {
            Ensure(bytes.Length);
            bytes.CopyTo(_bytes.AsSpan(Length));
            Length += bytes.Length;
        }

        private void Ensure(int more)
        {
            if (Length + more <= _bytes.Length) return;
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, Length + more));
        }
    }

    private ref struct Reader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _at;

        public readonly bool AtEnd => _at == _data.Length;

        public byte Byte() => _at < _data.Length ? _data[_at++] : throw Short();

        public ulong Varint()
        {
            ulong value = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                var b = Byte();
                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80) return value;
            }
            throw new FormatException("A call digest holds a varint longer than 64 bits.");
        }

        public long Signed()
        {
            var v = Varint();
            return (long)(v >> 1) ^ -(long)(v & 1);
        }

        /// <summary>A count or index: a varint that fits in what is left of the row.</summary>
        public int Count()
        {
            var v = Varint();
            return v <= (ulong)_data.Length ? (int)v : throw new FormatException("A call digest holds a count larger than the row.");
        }

        public double Double()
        {
            if (_at + 8 > _data.Length) throw Short();
            var value = BinaryPrimitives.ReadDoubleLittleEndian(_data[_at..]);
            _at += 8;
            return value;
        }

        public string String() => Utf8(Count());

        public string Utf8(int bytes)
        {
            if (_at + bytes > _data.Length) throw Short();
            var value = Encoding.UTF8.GetString(_data.Slice(_at, bytes));
            _at += bytes;
            return value;
        }

        public string[] Strings()
        {
            var values = new string[Count()];
            for (var i = 0; i < values.Length; i++) values[i] = String();
            return values;
        }

        private static FormatException Short() => new("A call digest row ends early.");
    }
}
