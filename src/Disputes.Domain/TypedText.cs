namespace Disputes.Domain;

/// <summary>
/// What may be stored as a person's text: anything typed, but no control character other than tab and line breaks, no
/// half of a surrogate pair and no noncharacter. Such characters are never typed; they arrive pasted or crafted, and
/// SQLite would store a lone surrogate as U+FFFD while an .xlsx or .docx export cannot hold a control character at all.
/// </summary>
public static class TypedText
{
    /// <summary>The error code of a text that holds such a character.</summary>
    public const string CharactersError = "text.characters";

    public static bool IsClean(string? text)
    {
        if (text is null)
        {
            return true;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF' || (char.IsControl(c) && c is not ('\t' or '\n' or '\r')))
            {
                return false;
            }
        }

        return true;
    }

    /// <exception cref="DomainException"><see cref="CharactersError"/> when one of the texts is not clean.</exception>
    public static void Demand(params string?[] texts)
    {
        if (!texts.All(IsClean))
        {
            throw new DomainException(CharactersError, "The text holds a control character or a broken character.");
        }
    }
}
