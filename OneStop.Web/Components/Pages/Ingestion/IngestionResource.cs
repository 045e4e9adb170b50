namespace OneStop.Web.Components.Pages.Ingestion;

/// <summary>Marker for the CSV import and API-key pages' texts: Resources/Components/Pages/Ingestion/IngestionResource.resx (Vietnamese, the neutral language) and .en.resx.</summary>
public sealed class IngestionResource;
