using System.Globalization;
using System.Text;

namespace UsageFunctions.Storage.Tables;

/// <summary>
/// Makes any text safe inside a PartitionKey or RowKey: characters tables forbid ('/', '\', '#', '?', control
/// characters) and our own separators ('~', '%') are written as %XX, so keys stay readable and unambiguous.
/// </summary>
public static class StorageKeys
{
    public const char Separator = '~';

    public static string Escape(string value)
    {
        if (!value.Any(NeedsEscape)) return value;
        var builder = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (NeedsEscape(c))
            {
                foreach (var b in Encoding.UTF8.GetBytes(c.ToString())) builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
            else builder.Append(c);
        }
        return builder.ToString();
    }

    public static string Unescape(string key) => key.Contains('%') ? Uri.UnescapeDataString(key) : key;

    public static string Join(params string[] parts) => string.Join(Separator, parts);

    /// <summary>The exclusive upper bound of every key that starts with <paramref name="prefix"/> followed by the separator.</summary>
    public static string PrefixEnd(string prefix) => prefix + Separator + Separator;

    private static bool NeedsEscape(char c) =>
        c is '/' or '\\' or '#' or '?' or '%' or Separator || char.IsControl(c) || char.IsSurrogate(c);
}
