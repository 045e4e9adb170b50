namespace OneStop.Web.Components.Pages.Settings;

/// <summary>
/// Marker for the settings pages' texts: Resources/Components/Pages/Settings/SettingsResource.resx (Vietnamese, the
/// neutral language) and SettingsResource.en.resx. The section components get it as <c>T</c> through _Imports.razor.
/// </summary>
public sealed class SettingsResource;
