using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace OneStop.Web.Components.Shared;

/// <summary>
/// A translated sentence with data in it ("Dossier {0} just reached you — {1} · step «{2}»"): the sentence in the
/// screen's language, each value HTML-encoded inside a translate="no" span, so names and step titles stay as written
/// and the language walk (and a browser's translator) leave them alone.
/// </summary>
public static class DataMarkup
{
    public static string Span(object? value) =>
        $"<span translate=\"no\">{WebUtility.HtmlEncode(Convert.ToString(value, CultureInfo.CurrentCulture))}</span>";

    /// <summary>The text of <paramref name="key"/> (encoded) with each of <paramref name="data"/> as a translate="no" span.</summary>
    public static MarkupString Sentence(IStringLocalizer t, string key, params object?[] data) =>
        new(string.Format(CultureInfo.CurrentCulture, WebUtility.HtmlEncode(t[key].Value), data.Select(d => (object)Span(d)).ToArray()));
}
