using Microsoft.EntityFrameworkCore;
using OneStop.Domain.Persistence;
using OneStop.Domain.Staffing;

namespace OneStop.Domain.Settings;

/// <summary>A rule a settings change broke: the field (as the form labels it) and the rule, in Vietnamese.</summary>
public sealed record SettingsError(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}

/// <summary>What a settings change came to: no errors means it was saved (and audited); any error means nothing was.</summary>
public sealed record SettingsResult(IReadOnlyList<SettingsError> Errors)
{
    public static readonly SettingsResult Ok = new([]);
    public bool Succeeded => Errors.Count == 0;
    public static SettingsResult Fail(string field, string message) => new([new SettingsError(field, message)]);
}

/// <summary>Who changes a setting: the signed-in staff member.</summary>
public readonly record struct SettingsActor(int StaffId, string Name);

/// <summary>Collects the errors of one change; the change is saved only when it stays empty.</summary>
internal sealed class SettingsErrors
{
    private readonly List<SettingsError> _errors = [];
    public bool Any => _errors.Count > 0;
    public void Add(string field, string message) => _errors.Add(new SettingsError(field, message));
    public void Required(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value)) Add(field, UiText.Say("bắt buộc, không được để trống.", "required, cannot be empty."));
        else if (value.Trim().Length > maxLength) Add(field, UiText.Say($"tối đa {maxLength} ký tự.", $"at most {maxLength} characters."));
    }
    public SettingsResult Result() => new(_errors.ToList());
}

internal static class SettingsGuard
{
    public static string NotAdmin => UiText.Say("Chỉ quản trị hệ thống (Admin) đang hoạt động mới được thay đổi cài đặt.", "Only an active system administrator (Admin) may change settings.");

    /// <summary>The pages already require the Admin role; the services check again against the database (a deactivated admin's cookie lives on).</summary>
    public static async Task<bool> IsAdminAsync(OneStopDbContext db, SettingsActor actor, CancellationToken ct) =>
        await db.Staff.AnyAsync(s => s.Id == actor.StaffId && s.Active && s.Role == StaffRole.Admin, ct);
}
