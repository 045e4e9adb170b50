namespace OneStop.Web.Components.Shared;

/// <summary>
/// Text and attribute values for markup we write ourselves (SvgChart, the shared department rows): escapes only what
/// HTML needs (&amp; &lt; &gt; and both quotes). WebUtility.HtmlEncode also turns every Latin-1 letter into a numeric
/// entity, so "Quản lý" became "Quản l&amp;#253;", against the app's choice of plain UTF-8 Vietnamese in its HTML.
/// </summary>
public static class MarkupText
{
    public static string Encode(string text)
    {
        if (text.AsSpan().IndexOfAny("&<>\"'") < 0) return text;
        var sb = new System.Text.StringBuilder(text.Length + 16);
        foreach (var c in text)
            sb.Append(c switch { '&' => "&amp;", '<' => "&lt;", '>' => "&gt;", '"' => "&quot;", '\'' => "&#39;", _ => c.ToString() });
        return sb.ToString();
    }
}
