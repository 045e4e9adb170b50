using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace OneStop.Web.Components.Shared;

/// <summary>
/// A translated sentence with data in it ("step «{0}»", "No department «{0}»"): the sentence in the
/// screen's language, each value HTML-encoded inside a translate="no" span, so names and step titles stay as written
/// and the language walk (and a browser's translator) leave them alone.
/// </summary>
public static class DataMarkup
{
    public static string Span(object? value) => $"<span translate=\"no\">{Encode(Convert.ToString(value, CultureInfo.CurrentCulture))}</span>";

    /// <summary>The text of <paramref name="key"/> (encoded) with each of <paramref name="data"/> as a translate="no" span.</summary>
    public static MarkupString Sentence(IStringLocalizer t, string key, params object?[] data) =>
        new(string.Format(CultureInfo.CurrentCulture, Encode(t[key].Value), data.Select(d => (object)Span(d)).ToArray()));

    /// <summary>
    /// Escapes what HTML would read as markup and nothing else: WebUtility.HtmlEncode also turns «, » and Latin-1
    /// letters (à, é, ô) into numeric entities, which reads the same in a browser but not in the page source.
    /// </summary>
    public static string Encode(string? text) =>
        (text ?? "").Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;");
}
