namespace OneStop.Web.Components.Pages.Jobs;

/// <summary>Marker for the Jobs pages' texts: Resources/Components/Pages/Jobs/JobsResource.resx (Vietnamese, the neutral language) and .en.resx.</summary>
public sealed class JobsResource;
