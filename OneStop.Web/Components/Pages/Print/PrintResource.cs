namespace OneStop.Web.Components.Pages.Print;

/// <summary>
/// Marker for the screen chrome around the printables (toolbar, "not available" pages, titles):
/// Resources/Components/Pages/Print/PrintResource.resx (Vietnamese) and PrintResource.en.resx. The sheets themselves
/// are state documents and print in Vietnamese, the language of record, marked lang="vi".
/// </summary>
public sealed class PrintResource;
