namespace OneStop.Web.Components.Pages.Staff;

/// <summary>
/// Marker for the postal staff boards' texts: Resources/Components/Pages/Staff/StaffResource.resx (Vietnamese, the
/// neutral language) and StaffResource.en.resx. The page gets it as <c>T</c> through _Imports.razor; dossier statuses
/// come from SharedResource, as the queues show them.
/// </summary>
public sealed class StaffResource;
