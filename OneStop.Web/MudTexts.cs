namespace OneStop.Web;

/// <summary>
/// Marker for Resources/MudTexts.resx: MudBlazor's own strings (pager, filters, date picker, close buttons) in
/// Vietnamese. MudBlazor ships no Vietnamese translation; English is its built-in text.
/// </summary>
public sealed class MudTexts;
