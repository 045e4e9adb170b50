namespace OneStop.Web.Components.Pages.Reports;

/// <summary>
/// Marker for the monthly report's screen and print texts: Resources/Components/Pages/Reports/ReportsResource.resx
/// (Vietnamese, the neutral language) and ReportsResource.en.resx. The XLSX/CSV exports stay Vietnamese (documents of
/// record, see OneStop.Web/Reports).
/// </summary>
public sealed class ReportsResource;
