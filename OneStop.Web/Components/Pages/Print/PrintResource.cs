namespace OneStop.Web.Components.Pages.Print;

/// <summary>
/// Marker for the screen chrome around the printed letters (toolbar, hints, "not available" pages):
/// Resources/Components/Pages/Print/PrintResource.resx (Vietnamese, the neutral language) and PrintResource.en.resx.
/// The letters themselves are documents of record and stay Vietnamese; their sheet carries lang="vi".
/// </summary>
public sealed class PrintResource;
