namespace UsageFunctions.Domain.Text;

/// <summary>
/// Identifiers and names shown to people and joined into keys must not hide anything: no control characters
/// (U+0000–U+001F, U+007F) and no bidirectional overrides, embeddings, isolates or marks, which make one text
/// look like another.
/// </summary>
public static class PlainText
{
    public const string Expectation = "free of control characters and bidirectional formatting characters";

    public static bool IsPlain(string text)
    {
        foreach (var c in text)
        {
            if (IsHidden(c)) return false;
        }
        return true;
    }

    private static bool IsHidden(char c) => c switch
    {
        <= '\u001F' or '\u007F' => true,
        '\u061C' or '\u200E' or '\u200F' => true,
        >= '\u202A' and <= '\u202E' => true,
        >= '\u2066' and <= '\u2069' => true,
        _ => false,
    };
}
