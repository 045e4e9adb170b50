using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OneStop.Domain;
using OneStop.Domain.Calendar;
using OneStop.Domain.Catalog;
using OneStop.Domain.Deadlines;
using OneStop.Domain.Settings;
using OneStop.Domain.Staffing;
using OneStop.Tests.Infrastructure;
using OneStop.Tests.Integration;
using static OneStop.Tests.Infrastructure.WorkflowFixture;

namespace OneStop.Tests.Settings;

/// <summary>
/// The settings services on the real app and its SQLite file: each rule refuses with a Vietnamese message naming the
/// field and saves nothing (not even an audit entry); a valid change is saved with its audit entry and reaches the
/// services that use it (the calendar API, the deadline thresholds, sign-in).
/// </summary>
public sealed class SettingsServiceTests : IAsyncLifetime
{
    private const int AdminId = 900;
    private OneStopApp _app = null!;
    private static readonly SettingsActor Admin = new(AdminId, "Quản trị viên");
    private T Get<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    public async Task InitializeAsync()
    {
        _app = new OneStopApp(demo: false, now: new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(7)));
        await using var db = _app.CreateDb();
        await WorkspacePrintableTests.SeedAsync(db);
        var admin = new Staff { Id = AdminId, UserName = "admin", FullName = "Quản trị viên", Role = StaffRole.Admin };
        admin.PasswordHash = StaffAuthenticator.Hash(admin, "demo");
        db.Staff.Add(admin);
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>Everything a refused change could have touched, to compare before and after.</summary>
    private async Task<string> StateAsync()
    {
        await using var db = _app.CreateDb();
        return JsonSerializer.Serialize(new
        {
            Departments = await db.Departments.OrderBy(x => x.Id).Select(x => new { x.Code, x.Name, x.PostalCovered, x.SortOrder }).ToListAsync(),
            Fields = await db.Fields.OrderBy(x => x.Id).Select(x => new { x.Code, x.Name, x.DepartmentId }).ToListAsync(),
            Procedures = await db.Procedures.OrderBy(x => x.Id).Select(x => new { x.Code, x.Name, x.StatutoryAmount }).ToListAsync(),
            Steps = await db.ProcedureSteps.OrderBy(x => x.Id).Select(x => new { x.ProcedureId, x.Order, x.Name, x.Share, x.Kind }).ToListAsync(),
            Staff = await db.Staff.OrderBy(x => x.Id).Select(x => new { x.UserName, x.FullName, x.Role, x.DepartmentId, x.Active, x.PasswordHash }).ToListAsync(),
            Overrides = await db.CalendarOverrides.OrderBy(x => x.Id).Select(x => new { x.Date, x.Working, x.Name }).ToListAsync(),
            Settings = await db.Settings.OrderBy(x => x.Key).Select(x => new { x.Key, x.Value }).ToListAsync(),
            Audit = await db.AuditEntries.CountAsync(),
        });
    }

    private async Task AssertRefused(Func<Task<SettingsResult>> change, string field, string messagePart)
    {
        var before = await StateAsync();
        var result = await change();
        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Field == field && e.Message.Contains(messagePart));
        Assert.Equal(before, await StateAsync());
    }

    private static StepInput Step(string name, StepKind kind, StaffRole role, double share) => new(name, kind, role, share, null);

    private static ProcedureInput Procedure(params StepInput[] steps) =>
        new(0, "SNV-09", "Cấp giấy phép thử nghiệm", Snv, 1, 5, TimeUnit.WorkingDays, steps);

    private static readonly StepInput[] GoodSteps =
    [
        Step("Tiếp nhận", StepKind.Reception, StaffRole.PostalStaff, 10),
        Step("Thẩm định", StepKind.Processing, StaffRole.DepartmentOfficer, 60),
        Step("Duyệt", StepKind.Approval, StaffRole.DepartmentLeader, 20),
        Step("Trả kết quả", StepKind.Return, StaffRole.PostalStaff, 10),
    ];

    [Fact]
    public async Task Procedure_rules_each_refuse_with_the_field_named_and_nothing_saved()
    {
        var c = Get<CatalogSettings>();
        await AssertRefused(() => c.SaveProcedureAsync(Procedure(GoodSteps[0], GoodSteps[1] with { SharePercent = 50 }, GoodSteps[2], GoodSteps[3]), Admin),
            "Tỷ lệ thời gian các bước", "tổng phải bằng 100% (đang là 90%)");
        await AssertRefused(() => c.SaveProcedureAsync(Procedure(), Admin), "Các bước", "cần ít nhất một bước");
        await AssertRefused(() => c.SaveProcedureAsync(Procedure(GoodSteps[0], GoodSteps[1] with { SharePercent = 0 }, GoodSteps[2] with { SharePercent = 80 }, GoodSteps[3]), Admin),
            "Bước 2: tỷ lệ thời gian", "lớn hơn 0%");
        await AssertRefused(() => c.SaveProcedureAsync(Procedure(GoodSteps[1] with { SharePercent = 70 }, GoodSteps[0], GoodSteps[2], GoodSteps[3]), Admin),
            "Các bước", "bước tiếp nhận, nếu có, là bước đầu tiên");
        await AssertRefused(() => c.SaveProcedureAsync(Procedure(GoodSteps[0], GoodSteps[1] with { Kind = StepKind.InterAgency }, GoodSteps[2], GoodSteps[3]), Admin),
            "Bước 2: cơ quan phối hợp", "bắt buộc với bước liên thông");
        await AssertRefused(() => c.SaveProcedureAsync(Procedure(GoodSteps) with { Code = "SNV-01" }, Admin), "Mã thủ tục", "đã có thủ tục khác dùng");
        await AssertRefused(() => c.SaveProcedureAsync(Procedure(GoodSteps) with { Code = "mã có dấu" }, Admin), "Mã thủ tục", "chữ in hoa không dấu");
        await AssertRefused(() => c.SaveProcedureAsync(Procedure(GoodSteps) with { StatutoryAmount = 0 }, Admin), "Thời hạn giải quyết", "từ 1 đến 365");
        await AssertRefused(() => c.SaveProcedureAsync(Procedure(GoodSteps) with { Name = " " }, Admin), "Tên thủ tục", "bắt buộc");
        await AssertRefused(() => c.SaveProcedureAsync(Procedure(GoodSteps) with { FieldId = 999 }, Admin), "Lĩnh vực", "chọn một lĩnh vực");
        // Someone who is not an active administrator changes nothing, whatever the page let through.
        await AssertRefused(() => c.SaveProcedureAsync(Procedure(GoodSteps), new SettingsActor(Officer1, "Lê Minh Tuấn")), "Người thực hiện", "Chỉ quản trị hệ thống");
    }

    [Fact]
    public async Task A_valid_procedure_is_saved_with_its_shares_and_an_audit_entry_naming_the_admin()
    {
        var result = await Get<CatalogSettings>().SaveProcedureAsync(Procedure(GoodSteps), Admin);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        await using var db = _app.CreateDb();
        var p = await db.Procedures.Include(x => x.Steps).SingleAsync(x => x.Code == "SNV-09");
        Assert.Equal([0.1, 0.6, 0.2, 0.1], p.Steps.OrderBy(s => s.Order).Select(s => s.Share));
        var audit = await db.AuditEntries.SingleAsync();
        Assert.Equal((AdminId, "Quản trị viên", "settings.catalog", "add-procedure", "Thủ tục SNV-09"), (audit.ActorId, audit.ActorName, audit.Area, audit.Action, audit.Subject));
        Assert.Contains("Thẩm định 60%", audit.Details);
        Assert.Equal(_app.Clock.GetUtcNow().UtcDateTime, audit.At);
    }

    [Fact]
    public async Task A_procedure_with_dossiers_keeps_its_steps_but_its_shares_may_change()
    {
        await Get<OneStop.Domain.Dossiers.DossierWorkflow>().ReceiveAsync(ValidIntake(), Postal1);
        var c = Get<CatalogSettings>();
        var three = new[] { GoodSteps[0], GoodSteps[1] with { SharePercent = 80 }, GoodSteps[3] };
        await AssertRefused(() => c.SaveProcedureAsync(new ProcedureInput(ProcedureId, "SNV-01", "Tặng Bằng khen của Chủ tịch UBND tỉnh", Snv, 1, 5, TimeUnit.WorkingDays, three), Admin),
            "Các bước", "thủ tục đã có hồ sơ");
        var reshared = new[] { GoodSteps[0] with { SharePercent = 20 }, GoodSteps[1] with { SharePercent = 50 }, GoodSteps[2], GoodSteps[3] };
        Assert.True((await c.SaveProcedureAsync(new ProcedureInput(ProcedureId, "SNV-01", "Tặng Bằng khen của Chủ tịch UBND tỉnh", Snv, 1, 7, TimeUnit.WorkingDays, reshared), Admin)).Succeeded);
        await using var db = _app.CreateDb();
        Assert.Equal(7, (await db.Procedures.SingleAsync(p => p.Id == ProcedureId)).StatutoryAmount);
        Assert.Equal([0.2, 0.5, 0.2, 0.1], await db.ProcedureSteps.Where(s => s.ProcedureId == ProcedureId).OrderBy(s => s.Order).Select(s => s.Share).ToListAsync());
    }

    [Fact]
    public async Task Departments_and_fields_validate_their_codes_and_names()
    {
        var c = Get<CatalogSettings>();
        await AssertRefused(() => c.SaveDepartmentAsync(new DepartmentInput(0, "SNV", "Sở trùng mã", true, 1), Admin), "Mã đơn vị", "«SNV» đã có đơn vị khác dùng");
        await AssertRefused(() => c.SaveDepartmentAsync(new DepartmentInput(0, "", "Sở Xây dựng", true, 1), Admin), "Mã đơn vị", "chữ in hoa không dấu");
        await AssertRefused(() => c.SaveDepartmentAsync(new DepartmentInput(0, "SXD", "", true, 1), Admin), "Tên đơn vị", "bắt buộc");
        await AssertRefused(() => c.SaveFieldAsync(new FieldInput(0, 99, "QH", "Quy hoạch"), Admin), "Đơn vị", "chọn một đơn vị");
        await AssertRefused(() => c.SaveFieldAsync(new FieldInput(0, Snv, "TDKT", "Trùng"), Admin), "Mã lĩnh vực", "đã có trong đơn vị này");

        Assert.True((await c.SaveDepartmentAsync(new DepartmentInput(0, "sxd", "Sở Xây dựng", false, 5), Admin)).Succeeded);
        await using var db = _app.CreateDb();
        var sxd = await db.Departments.SingleAsync(d => d.Code == "SXD");
        Assert.Equal(("Sở Xây dựng", false), (sxd.Name, sxd.PostalCovered));
        Assert.Equal("Đơn vị SXD", (await db.AuditEntries.SingleAsync()).Subject);
    }

    [Fact]
    public async Task Staff_accounts_are_created_validated_deactivated_and_reset_and_sign_in_follows()
    {
        var s = Get<StaffSettings>();
        var auth = Get<StaffAuthenticator>();
        var input = new StaffInput(0, "cv.moi", "Nguyễn Văn Mới", StaffRole.DepartmentOfficer, Snv, null);
        await AssertRefused(() => s.SaveAsync(input with { UserName = "officer1" }, "matkhau123", Admin), "Tên đăng nhập", "«officer1» đã có người dùng");
        await AssertRefused(() => s.SaveAsync(input with { UserName = "Cán bộ" }, "matkhau123", Admin), "Tên đăng nhập", "chữ thường không dấu");
        await AssertRefused(() => s.SaveAsync(input with { DepartmentId = null }, "matkhau123", Admin), "Đơn vị", "bắt buộc với chuyên viên");
        await AssertRefused(() => s.SaveAsync(input, "ngan", Admin), "Mật khẩu", "ít nhất 8 ký tự");
        await AssertRefused(() => s.SaveAsync(input, "chuachuso", Admin), "Mật khẩu", "có cả chữ và số");
        await AssertRefused(() => s.SaveAsync(input with { Email = "khong-co-a-cong" }, "matkhau123", Admin), "Email", "thiếu @");
        await AssertRefused(() => s.SaveAsync(input with { Id = AdminId, UserName = "admin", Role = StaffRole.Director }, null, Admin), "Vai trò", "không tự bỏ vai trò quản trị");
        await AssertRefused(() => s.SetActiveAsync(AdminId, false, Admin), "Trạng thái", "không tự khóa");

        Assert.True((await s.SaveAsync(input, "matkhau123", Admin)).Succeeded);
        var created = (await auth.VerifyAsync("cv.moi", "matkhau123")).Staff;
        Assert.Equal((StaffRole.DepartmentOfficer, (int?)Snv), (created!.Role, created.DepartmentId));

        Assert.True((await s.SetActiveAsync(created.Id, false, Admin)).Succeeded);
        Assert.Null((await auth.VerifyAsync("cv.moi", "matkhau123")).Staff);
        Assert.True((await s.SetActiveAsync(created.Id, true, Admin)).Succeeded);
        Assert.True((await s.ResetPasswordAsync(created.Id, "moi2026abc", Admin)).Succeeded);
        Assert.Null((await auth.VerifyAsync("cv.moi", "matkhau123")).Staff);
        Assert.NotNull((await auth.VerifyAsync("cv.moi", "moi2026abc")).Staff);

        await using var db = _app.CreateDb();
        Assert.Equal(["add", "deactivate", "activate", "reset-password"],
            await db.AuditEntries.Where(a => a.Area == "settings.staff").OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.DoesNotContain(await db.AuditEntries.Select(a => a.Details ?? "").ToListAsync(), d => d.Contains("moi2026abc") || d.Contains("matkhau123"));
    }

    [Fact]
    public async Task A_holiday_override_changes_the_calendar_api_at_once_and_removing_it_restores_it()
    {
        const string due = "/api/v1/calendar/due?from=2026-11-23T10:00:00%2B07:00&workingDays=3";
        async Task<string> Due() => (await _app.Http.GetFromJsonAsync<JsonElement>(due)).GetProperty("due").GetString()!;
        Assert.Equal("2026-11-26T10:00:00+07:00", await Due());

        var cal = Get<CalendarSettings>();
        await AssertRefused(() => cal.AddOverrideAsync(new OverrideInput(new DateOnly(2026, 11, 28), false, "Nghỉ thêm"), Admin), "Ngày", "đã là ngày nghỉ");
        await AssertRefused(() => cal.AddOverrideAsync(new OverrideInput(new DateOnly(2026, 11, 25), true, "Làm bù"), Admin), "Ngày", "đã là ngày làm việc");
        await AssertRefused(() => cal.AddOverrideAsync(new OverrideInput(null, false, "Nghỉ"), Admin), "Ngày", "bắt buộc");
        await AssertRefused(() => cal.AddOverrideAsync(new OverrideInput(new DateOnly(2026, 11, 25), false, ""), Admin), "Tên ngày", "bắt buộc");

        Assert.True((await cal.AddOverrideAsync(new OverrideInput(new DateOnly(2026, 11, 25), false, "Nghỉ thêm theo quyết định của tỉnh"), Admin)).Succeeded);
        Assert.Equal("2026-11-27T10:00:00+07:00", await Due());
        var year = await cal.YearAsync(2026);
        var day = Assert.Single(year, d => d.Date == new DateOnly(2026, 11, 25));
        Assert.Equal((DayKind.ExtraDayOff, "Nghỉ thêm theo quyết định của tỉnh"), (day.Kind, day.Name));
        Assert.Contains(year, d => d.Kind == DayKind.Holiday && d.Name == StatutoryHolidays.NationalDayName);

        Assert.True((await cal.RemoveOverrideAsync(day.OverrideId!.Value, Admin)).Succeeded);
        Assert.Equal("2026-11-26T10:00:00+07:00", await Due());
        await using var db = _app.CreateDb();
        Assert.Equal(["add-override", "remove-override"], await db.AuditEntries.OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
    }

    [Fact]
    public async Task Office_hours_from_the_settings_page_replace_appsettings_for_the_calendar()
    {
        var cal = Get<CalendarSettings>();
        await AssertRefused(() => cal.SaveOfficeHoursAsync("07:30-11:30, 11:00-17:00", Admin), "Giờ làm việc", "không chồng nhau");
        await AssertRefused(() => cal.SaveOfficeHoursAsync("7h30 đến 11h30", Admin), "Giờ làm việc", "HH:mm-HH:mm");
        await AssertRefused(() => cal.SaveOfficeHoursAsync("", Admin), "Giờ làm việc", "từ 1 đến 4 buổi");
        await AssertRefused(() => cal.SaveOfficeHoursAsync("08:00-08:30", Admin), "Giờ làm việc", "từ 1 đến 12 giờ");

        Assert.Equal(TimeSpan.FromHours(7.5), (await Get<CenterCalendarProvider>().GetAsync()).DayLength);
        Assert.True((await cal.SaveOfficeHoursAsync("08:00-12:00; 13:00-17:00", Admin)).Succeeded);
        Assert.Equal(TimeSpan.FromHours(8), (await Get<CenterCalendarProvider>().GetAsync()).DayLength);
        Assert.Equal(["08:00-12:00", "13:00-17:00"], Get<IOptions<CenterOptions>>().Value.OfficeHours);
        // Monday 10:00 + 4 working hours: 12:00 with the old hours would be 11:30 → 13:30 + 2 h; with the new ones 12:00 → 13:00 + 2 h.
        var json = await _app.Http.GetFromJsonAsync<JsonElement>("/api/v1/calendar/due?from=2026-11-23T10:00:00%2B07:00&workingHours=4");
        Assert.Equal("2026-11-23T15:00:00+07:00", json.GetProperty("due").GetString());
    }

    [Fact]
    public async Task Escalation_thresholds_are_validated_and_reach_the_deadline_services()
    {
        var cal = Get<CalendarSettings>();
        var values = EditableSettings.ThresholdNames.ToDictionary(n => n, n => EditableSettings.Threshold(Get<IOptions<DeadlineOptions>>().Value, n));
        await AssertRefused(() => cal.SaveThresholdsAsync(new Dictionary<string, double>(values) { [nameof(DeadlineOptions.DueSoonWorkingDays)] = 0 }, Admin),
            "Sắp đến hạn khi còn dưới (ngày làm việc)", "từ 0,1 đến 10".Replace(',', System.Globalization.CultureInfo.CurrentCulture.NumberFormat.NumberDecimalSeparator[0]));
        await AssertRefused(() => cal.SaveThresholdsAsync(new Dictionary<string, double>(values) { [nameof(DeadlineOptions.HandOverReminderWorkingHours)] = double.NaN }, Admin),
            "Nhắc người xử lý sau (giờ làm việc)", "đến 40");

        Assert.True((await cal.SaveThresholdsAsync(new Dictionary<string, double>(values) { [nameof(DeadlineOptions.DueSoonWorkingDays)] = 2.5 }, Admin)).Succeeded);
        // DeadlineSweep, HandOverReminders and JobRunRecorder take IOptions<DeadlineOptions>: it now says 2.5.
        Assert.Equal(2.5, Get<IOptions<DeadlineOptions>>().Value.DueSoonWorkingDays);
        Assert.Equal(values[nameof(DeadlineOptions.DirectorAfterOverdueWorkingDays)], Get<IOptions<DeadlineOptions>>().Value.DirectorAfterOverdueWorkingDays);
        await using var db = _app.CreateDb();
        var audit = await db.AuditEntries.SingleAsync();
        Assert.Equal("settings.thresholds", audit.Area);
        Assert.Contains("→ 2", audit.Details);
    }
}
