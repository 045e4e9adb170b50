using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace OneStop.Web.Components.Shared;

/// <summary>
/// Markup built once per piece of shared data and culture, for every circuit that shows it: the overview's snapshot is
/// one object for all its viewers (LiveSnapshot), so its charts are built by the first circuit that renders them and the
/// others hold the same string. Kept as long as the data object lives (a weak table: the next snapshot drops the old one).
/// </summary>
public static class SharedMarkup<TKey> where TKey : class
{
    private static readonly ConditionalWeakTable<TKey, ConcurrentDictionary<string, string>> Built = new();

    public static string For(TKey data, Func<TKey, string> build) => For(data, "", build);

    /// <summary>The markup for one <paramref name="variant"/> of the data (a sort order, a filter): built once per variant and culture.</summary>
    public static string For(TKey data, string variant, Func<TKey, string> build) =>
        Built.GetOrCreateValue(data).GetOrAdd(CultureInfo.CurrentUICulture.Name + "|" + CultureInfo.CurrentCulture.Name + "|" + variant, _ => build(data));
}
