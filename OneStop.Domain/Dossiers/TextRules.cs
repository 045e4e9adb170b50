namespace OneStop.Domain.Dossiers;

/// <summary>
/// What free text may contain, wherever it comes from (the counter's forms, the API, a CSV cell): no control characters
/// but tab and line breaks. A NUL stored in a name or an address ends a C string in the systems we hand data to (printers,
/// the post office's labels) and is invisible on screen, so it is refused with the field's name rather than kept.
/// </summary>
public static class TextRules
{
    /// <summary>"U+0000" for the first control character in <paramref name="text"/>, or null when there is none.</summary>
    public static string? ControlCharacter(string? text)
    {
        if (text is null) return null;
        foreach (var c in text)
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r')) return $"U+{(int)c:X4}";
        return null;
    }

    /// <summary>The rule as the error message says it, after the field's label.</summary>
    public static string ControlRule(string codePoint) => UiText.Say(
        $"chứa ký tự điều khiển {codePoint}, không được phép (chỉ cho phép tab và xuống dòng).",
        $"contains the control character {codePoint}, which is not allowed (only tabs and line breaks are).");
}
