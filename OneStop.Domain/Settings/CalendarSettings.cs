using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OneStop.Domain.Audit;
using OneStop.Domain.Calendar;
using OneStop.Domain.Deadlines;
using OneStop.Domain.Persistence;

namespace OneStop.Domain.Settings;

public sealed record OverrideInput(DateOnly? Date, bool Working, string Name);

/// <summary>One day of a year as the holidays section shows it: a statutory default, or a stored override.</summary>
public sealed record YearDay(DateOnly Date, bool Working, DayKind Kind, string Name, int? OverrideId);

/// <summary>
/// The center's working time as the administrator edits it: per-year overrides of the statutory holidays (a worked
/// Saturday, a bridging day off), office hours and the escalation thresholds. Each change invalidates the center's
/// calendar and the editable settings, so appointments, the calendar API and the deadline jobs use it at once.
/// </summary>
public sealed class CalendarSettings(IDbContextFactory<OneStopDbContext> contexts, TimeProvider time, CenterCalendarProvider calendars,
    EditableSettings settings)
{
    public const string Area = "settings.calendar";

    /// <summary>The year's statutory holidays (computed) and its overrides (stored), in date order.</summary>
    public async Task<IReadOnlyList<YearDay>> YearAsync(int year, CancellationToken ct = default)
    {
        var calendar = await calendars.GetAsync(ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        var overrides = await db.CalendarOverrides.AsNoTracking().Where(o => o.Date >= first && o.Date <= last).ToListAsync(ct);
        var byDate = overrides.ToDictionary(o => o.Date, o => o.Id);
        return calendar.Exceptions(year).Select(d => new YearDay(d.Date, d.Working, d.Kind, d.Name, byDate.TryGetValue(d.Date, out var id) ? id : null))
            .Concat(overrides.Where(o => !calendar.Exceptions(year).Any(d => d.Date == o.Date))
                .Select(o => new YearDay(o.Date, o.Working, o.Working ? DayKind.WorkedWeekend : DayKind.ExtraDayOff, o.Name, o.Id)))
            .OrderBy(d => d.Date).ToList();
    }

    public async Task<SettingsResult> AddOverrideAsync(OverrideInput input, SettingsActor actor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await SettingsGuard.IsAdminAsync(db, actor, ct)) return SettingsResult.Fail(UiText.Say("Người thực hiện", "Your account"), SettingsGuard.NotAdmin);
        var errors = new SettingsErrors();
        errors.Required(UiText.Say("Tên ngày", "Name"), input.Name, 100);
        if (input.Date is not { } date) errors.Add(UiText.Say("Ngày", "Date"), UiText.Say("bắt buộc, dạng dd/MM/yyyy.", "required, as dd/MM/yyyy."));
        else if (date.Year is < 2000 or > 2100) errors.Add(UiText.Say("Ngày", "Date"), UiText.Say("trong khoảng năm 2000 đến 2100.", "between the years 2000 and 2100."));
        else if (await db.CalendarOverrides.AnyAsync(o => o.Date == date, ct)) errors.Add(UiText.Say("Ngày", "Date"), UiText.Say($"{date:dd/MM/yyyy} đã có điều chỉnh; xóa điều chỉnh cũ trước.", $"{date:dd/MM/yyyy} already has an adjustment; remove that one first."));
        else
        {
            var day = (await calendars.GetAsync(ct)).Describe(date);
            if (day.Working == input.Working)
                errors.Add(UiText.Say("Ngày", "Date"), input.Working
                    ? UiText.Say($"{date:dd/MM/yyyy} đã là ngày làm việc; chỉ đặt làm bù vào ngày nghỉ.", $"{date:dd/MM/yyyy} is already a working day; a make-up day can only replace a day off.")
                    : UiText.Say($"{date:dd/MM/yyyy} đã là ngày nghỉ ({day.Name}); chỉ đặt nghỉ thêm vào ngày làm việc.", $"{date:dd/MM/yyyy} is already a day off ({(day.Kind == DayKind.Weekend ? date.DayOfWeek.ToString() : day.Name)}); an extra day off can only replace a working day."));
        }
        if (errors.Any) return errors.Result();

        db.CalendarOverrides.Add(new CalendarOverrideRow { Date = input.Date!.Value, Working = input.Working, Name = input.Name.Trim() });
        AuditLog.Add(db, time.GetUtcNow().UtcDateTime, actor.StaffId, actor.Name, Area, "add-override", $"Ngày {input.Date:dd/MM/yyyy}",
            $"{(input.Working ? "làm việc" : "nghỉ")}: {input.Name.Trim()}");
        await db.SaveChangesAsync(ct);
        calendars.Invalidate();
        return SettingsResult.Ok;
    }

    public async Task<SettingsResult> RemoveOverrideAsync(int id, SettingsActor actor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await SettingsGuard.IsAdminAsync(db, actor, ct)) return SettingsResult.Fail(UiText.Say("Người thực hiện", "Your account"), SettingsGuard.NotAdmin);
        var row = await db.CalendarOverrides.FirstOrDefaultAsync(o => o.Id == id, ct);
        if (row is null) return SettingsResult.Fail(UiText.Say("Ngày điều chỉnh", "Adjustment"), UiText.Say("không tồn tại (có thể đã bị xóa).", "does not exist (it may have been removed already)."));
        db.CalendarOverrides.Remove(row);
        AuditLog.Add(db, time.GetUtcNow().UtcDateTime, actor.StaffId, actor.Name, Area, "remove-override", $"Ngày {row.Date:dd/MM/yyyy}",
            $"{(row.Working ? "làm việc" : "nghỉ")}: {row.Name}");
        await db.SaveChangesAsync(ct);
        calendars.Invalidate();
        return SettingsResult.Ok;
    }

    /// <summary>Office sessions as "HH:mm-HH:mm", separated by commas; in order, not overlapping, 1 to 4 of them.</summary>
    public async Task<SettingsResult> SaveOfficeHoursAsync(string? text, SettingsActor actor, CancellationToken ct = default)
    {
        var sessions = EditableSettings.SplitSessions(text ?? "");
        var field = UiText.Say("Giờ làm việc", "Office hours");
        if (sessions.Count is 0 or > 4) return SettingsResult.Fail(field, UiText.Say("từ 1 đến 4 buổi, dạng HH:mm-HH:mm, cách nhau bằng dấu phẩy.", "1 to 4 sessions, as HH:mm-HH:mm, separated by commas."));
        OfficeHours hours;
        try { hours = CenterCalendarProvider.ParseOfficeHours(sessions); }
        catch (InvalidOperationException)
        {
            return SettingsResult.Fail(field, UiText.Say("mỗi buổi dạng HH:mm-HH:mm, giờ kết thúc sau giờ bắt đầu, các buổi theo thứ tự và không chồng nhau.", "each session as HH:mm-HH:mm, ending after it starts, in order and without overlaps."));
        }
        if (hours.DayLength < TimeSpan.FromHours(1) || hours.DayLength > TimeSpan.FromHours(12))
            return SettingsResult.Fail(field, UiText.Say("tổng thời gian một ngày từ 1 đến 12 giờ.", "a day totals 1 to 12 hours."));
        var value = string.Join(", ", sessions);
        var result = await SaveAsync(EditableSettings.OfficeHoursKey, value, string.Join(", ", settings.Center.OfficeHours), actor, ct);
        if (result.Succeeded) { settings.Reload(); calendars.Invalidate(); }
        return result;
    }

    /// <summary>The escalation thresholds, by <see cref="EditableSettings.ThresholdNames"/>; all are saved or none.</summary>
    public async Task<SettingsResult> SaveThresholdsAsync(IReadOnlyDictionary<string, double> values, SettingsActor actor, CancellationToken ct = default)
    {
        var errors = new SettingsErrors();
        foreach (var name in EditableSettings.ThresholdNames)
        {
            var (label, min, max) = ThresholdRule(name);
            if (!values.TryGetValue(name, out var v) || double.IsNaN(v) || v < min || v > max) errors.Add(UiText.Say(label, ThresholdLabelEnglish(name)), UiText.Say($"từ {min:0.##} đến {max:0.##}.", $"from {min:0.##} to {max:0.##}."));
        }
        if (errors.Any) return errors.Result();
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await SettingsGuard.IsAdminAsync(db, actor, ct)) return SettingsResult.Fail(UiText.Say("Người thực hiện", "Your account"), SettingsGuard.NotAdmin);
        var current = settings.Deadlines;
        var changes = new List<string>();
        foreach (var name in EditableSettings.ThresholdNames)
        {
            var old = EditableSettings.Threshold(current, name);
            if (old == values[name]) continue;
            await UpsertAsync(db, EditableSettings.DeadlinePrefix + name, values[name].ToString(CultureInfo.InvariantCulture), ct);
            changes.Add($"{ThresholdRule(name).Label}: {old:0.##} → {values[name]:0.##}");
        }
        if (changes.Count == 0) return SettingsResult.Ok;
        AuditLog.Add(db, time.GetUtcNow().UtcDateTime, actor.StaffId, actor.Name, "settings.thresholds", "update", "Ngưỡng cảnh báo", string.Join("; ", changes));
        await db.SaveChangesAsync(ct);
        settings.Reload();
        return SettingsResult.Ok;
    }

    public static (string Label, double Min, double Max) ThresholdRule(string name) => name switch
    {
        nameof(DeadlineOptions.DueSoonWorkingDays) => ("Sắp đến hạn khi còn dưới (ngày làm việc)", 0.1, 10),
        nameof(DeadlineOptions.DirectorAfterOverdueWorkingDays) => ("Báo Giám đốc khi quá hạn (ngày làm việc)", 0, 30),
        nameof(DeadlineOptions.HandOverReminderWorkingHours) => ("Nhắc người xử lý sau (giờ làm việc)", 0.5, 40),
        nameof(DeadlineOptions.HandOverLeaderWorkingHours) => ("Báo lãnh đạo thêm sau (giờ làm việc)", 0.5, 40),
        _ => (name, 0, 0),
    };

    /// <summary>The English label of a threshold (the Vietnamese one is also the audit's wording, so it stays in <see cref="ThresholdRule"/>).</summary>
    public static string ThresholdLabelEnglish(string name) => name switch
    {
        nameof(DeadlineOptions.DueSoonWorkingDays) => "Due soon when less than this is left (working days)",
        nameof(DeadlineOptions.DirectorAfterOverdueWorkingDays) => "Alert the director once overdue by (working days)",
        nameof(DeadlineOptions.HandOverReminderWorkingHours) => "Remind the handler after (working hours)",
        nameof(DeadlineOptions.HandOverLeaderWorkingHours) => "Also alert the leader after (working hours)",
        _ => name,
    };

    /// <summary>A threshold's label in the screen's language.</summary>
    public static string ThresholdLabel(string name) => UiText.Say(ThresholdRule(name).Label, ThresholdLabelEnglish(name));

    private async Task<SettingsResult> SaveAsync(string key, string value, string old, SettingsActor actor, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await SettingsGuard.IsAdminAsync(db, actor, ct)) return SettingsResult.Fail(UiText.Say("Người thực hiện", "Your account"), SettingsGuard.NotAdmin);
        await UpsertAsync(db, key, value, ct);
        AuditLog.Add(db, time.GetUtcNow().UtcDateTime, actor.StaffId, actor.Name, Area, "update", key, $"{old} → {value}");
        await db.SaveChangesAsync(ct);
        return SettingsResult.Ok;
    }

    private static async Task UpsertAsync(OneStopDbContext db, string key, string value, CancellationToken ct)
    {
        var row = await db.Settings.FirstOrDefaultAsync(r => r.Key == key, ct);
        if (row is null) db.Settings.Add(new SettingRow { Key = key, Value = value });
        else row.Value = value;
    }
}
