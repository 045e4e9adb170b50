namespace OneStop.Domain.Settings;

/// <summary>
/// One setting an administrator changed on the settings page, by key (e.g. "Center.OfficeHours",
/// "Deadlines.DueSoonWorkingDays"). A key with no row falls back to appsettings.json.
/// </summary>
public sealed class SettingRow
{
    public required string Key { get; set; }
    public required string Value { get; set; }
}
