using System.Security.Claims;
using AngleSharp.Dom;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneStop.Domain.Catalog;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Staffing;
using OneStop.Tests.Infrastructure;
using OneStop.Web.Components.Pages.Intake;
using OneStop.Tests.Infrastructure;
using static OneStop.Tests.Infrastructure.WorkflowFixture;

namespace OneStop.Tests.Components.Intake;

/// <summary>
/// The counter intake page rendered by bUnit over the real services and a real migrated SQLite file
/// (WorkflowFixture: Monday 23/11/2026 09:00 in Vietnam). Nothing is mocked but the browser.
/// </summary>
public sealed class IntakePageTests : MudTestContext
{
    /// <summary>A third Sở Nội vụ procedure: 12 working days, all channels, a fee.</summary>
    public const int TwelveDayProcedureId = 12;

    private readonly WorkflowFixture _f = new();

    public IntakePageTests()
    {
        using (var db = _f.Db())
        {
            db.Procedures.Add(new Procedure
            {
                Id = TwelveDayProcedureId, Code = "SNV-03", Name = "Cấp giấy phép tổ chức hội nghị, hội thảo quốc tế", DepartmentId = Snv, FieldId = 1,
                StatutoryAmount = 12, StatutoryUnit = TimeUnit.WorkingDays, Fees = "50.000 đồng/hồ sơ",
                RequiredPapers = "Văn bản đề nghị\nĐề án tổ chức hội thảo\nDanh sách đại biểu nước ngoài",
                Steps =
                [
                    new ProcedureStep { Order = 1, Name = "Tiếp nhận", Kind = StepKind.Reception, Role = StaffRole.PostalStaff, Share = 0.1 },
                    new ProcedureStep { Order = 2, Name = "Thẩm định", Kind = StepKind.Processing, Role = StaffRole.DepartmentOfficer, Share = 0.6 },
                    new ProcedureStep { Order = 3, Name = "Lãnh đạo duyệt", Kind = StepKind.Approval, Role = StaffRole.DepartmentLeader, Share = 0.2 },
                    new ProcedureStep { Order = 4, Name = "Trả kết quả", Kind = StepKind.Return, Role = StaffRole.PostalStaff, Share = 0.1 },
                ],
            });
            db.SaveChanges();
        }

        Services.AddSingleton(_f.Contexts);
        Services.AddSingleton(_f.Workflow);
        Services.AddSingleton(new ProcedureCatalogQuery(_f.Contexts));
        JSInterop.Mode = JSRuntimeMode.Loose;
        _auth = AddAuthorization();
        SignInAs(Postal1, StaffRole.PostalStaff);
        // As in the app: the page runs interactively on the server (this builds the service provider, so it comes last).
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    private readonly BunitAuthorizationContext _auth;

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _f.Dispose();
    }

    private void SignInAs(int staffId, StaffRole role)
    {
        _auth.SetAuthorized("user" + staffId);
        _auth.SetRoles(role.ToString());
        _auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, staffId.ToString()), new Claim(ClaimTypes.Role, role.ToString()));
    }

    private IRenderedComponent<IntakePage> RenderPage()
    {
        var cut = Render<IntakePage>();
        cut.WaitForElement("[data-testid=procedure-search]");
        return cut;
    }

    private static void PickProcedure(IRenderedComponent<IntakePage> cut, int procedureId)
    {
        cut.Find($"[data-procedure-id='{procedureId}']").Click();
        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find($"[data-procedure-id='{procedureId}']").GetAttribute("aria-pressed")));
    }

    private static void FillApplicant(IRenderedComponent<IntakePage> cut, string phone = "0912 345 678")
    {
        cut.Find("#applicant-name").Change("Nguyễn Văn An");
        cut.Find("#applicant-phone").Change(phone);
        cut.Find("#applicant-id").Change("045090001234");
        cut.Find("#applicant-address").Change("12 Lê Duẩn, Đông Hà, Quảng Trị");
    }

    private static string? Error(IRenderedComponent<IntakePage> cut, string field) =>
        cut.FindAll($"[data-testid=error-{field}]").SingleOrDefault()?.TextContent.Trim();

    private int DossierCount()
    {
        using var db = _f.Db();
        return db.Dossiers.Count();
    }

    // ───────────── validation ─────────────

    [Fact]
    public void Submitting_the_empty_form_shows_a_Vietnamese_message_naming_each_field_and_saves_nothing()
    {
        var cut = RenderPage();
        Assert.Empty(cut.FindAll(".validation-message"));

        cut.Find("[data-testid=intake-form]").Submit();

        Assert.Equal("Thủ tục: hãy chọn một thủ tục có trong danh mục.", Error(cut, "ProcedureId"));
        Assert.Equal("Họ tên người nộp: bắt buộc.", Error(cut, "ApplicantName"));
        Assert.Equal("Số điện thoại: bắt buộc.", Error(cut, "ApplicantPhone"));
        Assert.Equal("Số CCCD: bắt buộc.", Error(cut, "ApplicantIdNumber"));
        Assert.Equal("Địa chỉ: bắt buộc.", Error(cut, "ApplicantAddress"));
        // Each message sits under its own field, which points at it.
        var name = cut.Find("#applicant-name");
        Assert.Equal("error-ApplicantName", name.GetAttribute("aria-describedby"));
        Assert.Equal("true", name.GetAttribute("aria-invalid"));
        Assert.Equal("Họ tên người nộp", cut.Find("label[for=applicant-name]").TextContent.Trim());
        Assert.Equal(0, DossierCount());
        Assert.Empty(Services.GetRequiredService<BunitNavigationManager>().History);
    }

    [Fact]
    public void A_bad_phone_shows_the_phone_rule_and_fixing_it_clears_the_message()
    {
        var cut = RenderPage();
        PickProcedure(cut, ProcedureId);
        FillApplicant(cut, phone: "12345");
        // Before the first submit, nothing is judged.
        Assert.Empty(cut.FindAll(".validation-message"));

        cut.Find("[data-testid=intake-form]").Submit();

        Assert.Equal("Số điện thoại: phải là số di động 10 chữ số (đầu 03, 05, 07, 08, 09) hoặc số cố định 11 chữ số đầu 02; có thể viết +84 thay cho số 0.",
            Error(cut, "ApplicantPhone"));
        Assert.Single(cut.FindAll(".validation-message"));
        Assert.Equal(0, DossierCount());

        cut.Find("#applicant-phone").Change("+84 912.345.678");
        Assert.Null(Error(cut, "ApplicantPhone"));
        Assert.Empty(cut.FindAll(".validation-message"));

        // After the first submit each change is judged at once: breaking the ID shows its rule.
        cut.Find("#applicant-id").Change("04509000123");
        Assert.Equal("Số CCCD: phải gồm đúng 12 chữ số.", Error(cut, "ApplicantIdNumber"));
        cut.Find("#applicant-id").Change("045090001234");
        Assert.Null(Error(cut, "ApplicantIdNumber"));
    }

    [Fact]
    public void Picking_a_procedure_after_a_failed_submit_clears_the_procedure_message()
    {
        var cut = RenderPage();
        cut.Find("[data-testid=intake-form]").Submit();
        Assert.NotNull(Error(cut, "ProcedureId"));

        PickProcedure(cut, ProcedureId);

        Assert.Null(Error(cut, "ProcedureId"));
        Assert.NotNull(Error(cut, "ApplicantName"));
    }

    [Fact]
    public void Result_by_post_needs_a_postal_address_which_is_prefilled_from_the_address()
    {
        var cut = RenderPage();
        PickProcedure(cut, ProcedureId);
        FillApplicant(cut);
        Assert.Empty(cut.FindAll("#postal-address"));

        cut.Find("[data-testid=delivery-Post]").Change("Post");

        Assert.Equal("12 Lê Duẩn, Đông Hà, Quảng Trị", cut.Find("#postal-address").GetAttribute("value"));
        Assert.Equal("Địa chỉ nhận kết quả qua bưu chính", cut.Find("label[for=postal-address]").TextContent.Trim());

        cut.Find("#postal-address").Change("");
        cut.Find("[data-testid=intake-form]").Submit();
        Assert.Equal("Địa chỉ nhận kết quả qua bưu chính: bắt buộc khi nhận kết quả qua bưu chính.", Error(cut, "ResultPostalAddress"));
        Assert.Equal(0, DossierCount());
    }

    // ───────────── the appointment preview ─────────────

    [Fact]
    public void The_appointment_preview_is_counted_in_working_time_and_follows_the_procedure()
    {
        var cut = RenderPage();
        Assert.Equal("Chọn thủ tục để tính ngày hẹn.", cut.Find("[data-testid=appointment-preview]").TextContent.Trim());

        // Monday 23/11/2026 09:00 + 12 working days, two weekends skipped: Wednesday 09/12/2026 09:00.
        PickProcedure(cut, TwelveDayProcedureId);
        cut.WaitForAssertion(() => Assert.Equal("Thứ Tư, 09/12/2026 09:00", cut.Find("[data-testid=appointment-preview]").TextContent.Trim()));

        // 4 working hours from 09:00: 2h30 until the 11:30 break, 1h30 after 13:30 → 15:00 the same day.
        PickProcedure(cut, PostOnlyProcedureId);
        cut.WaitForAssertion(() => Assert.Equal("Thứ Hai, 23/11/2026 15:00", cut.Find("[data-testid=appointment-preview]").TextContent.Trim()));

        // 5 working days: next Monday, same time.
        PickProcedure(cut, ProcedureId);
        cut.WaitForAssertion(() => Assert.Equal("Thứ Hai, 30/11/2026 09:00", cut.Find("[data-testid=appointment-preview]").TextContent.Trim()));
    }

    [Fact]
    public void Received_on_Friday_afternoon_the_count_resumes_on_Monday()
    {
        // Friday 27/11/2026 16:00: 1 hour left that day, then 4 more days from Monday 07:30.
        _f.Clock.Set(new DateTimeOffset(2026, 11, 27, 16, 0, 0, TimeSpan.FromHours(7)));
        var cut = RenderPage();
        PickProcedure(cut, ProcedureId);
        cut.WaitForAssertion(() => Assert.Equal("Thứ Sáu, 04/12/2026 16:00", cut.Find("[data-testid=appointment-preview]").TextContent.Trim()));
    }

    // ───────────── the catalogue ─────────────

    [Fact]
    public void The_catalogue_search_ignores_accents_and_matches_codes()
    {
        var cut = RenderPage();
        Assert.Equal(3, cut.FindAll("[data-testid=procedure-option]").Count);
        Assert.True(cut.Find("[data-testid=procedure-search]").HasAttribute("autofocus"));

        cut.Find("[data-testid=procedure-search]").Input("giay phep");
        var match = Assert.Single(cut.FindAll("[data-testid=procedure-option]"));
        Assert.Contains("Cấp giấy phép tổ chức hội nghị", match.TextContent);

        cut.Find("[data-testid=procedure-search]").Input("SNV-02");
        Assert.Equal(PostOnlyProcedureId.ToString(), Assert.Single(cut.FindAll("[data-testid=procedure-option]")).GetAttribute("data-procedure-id"));

        cut.Find("[data-testid=procedure-search]").Input("BẰNG KHEN");
        Assert.Equal(ProcedureId.ToString(), Assert.Single(cut.FindAll("[data-testid=procedure-option]")).GetAttribute("data-procedure-id"));

        cut.Find("[data-testid=procedure-search]").Input("không có thủ tục này");
        Assert.Empty(cut.FindAll("[data-testid=procedure-option]"));

        // Enter in the search box picks the first match.
        cut.Find("[data-testid=procedure-search]").Input("hoi thao");
        cut.Find("[data-testid=procedure-search]").KeyDown("Enter");
        cut.WaitForAssertion(() => Assert.Contains("SNV-03", cut.Find("[data-testid=procedure-title]").TextContent));
    }

    [Fact]
    public void The_procedure_panel_tells_what_the_counter_needs_and_offers_only_allowed_channels()
    {
        var cut = RenderPage();
        PickProcedure(cut, TwelveDayProcedureId);
        Assert.Equal("12 ngày làm việc", cut.Find("[data-testid=procedure-statutory]").TextContent.Trim());
        Assert.Equal("Trực tiếp, Trực tuyến, Qua bưu chính", cut.Find("[data-testid=procedure-channels]").TextContent.Trim());
        Assert.Equal("Có", cut.Find("[data-testid=procedure-result-by-post]").TextContent.Trim());
        Assert.Equal("50.000 đồng/hồ sơ", cut.Find("[data-testid=procedure-fees]").TextContent.Trim());
        Assert.Equal(3, cut.FindAll("[data-testid=paper-check]").Count);
        Assert.Equal("Văn bản đề nghị", cut.Find("label[for=paper-0]").TextContent.Trim());
        Assert.NotEmpty(cut.FindAll("[data-testid=channel-Online]"));
        Assert.NotEmpty(cut.FindAll("[data-testid=delivery-Post]"));

        // SNV-02: 4 working hours, counter only, result never by post.
        PickProcedure(cut, PostOnlyProcedureId);
        Assert.Equal("4 giờ làm việc", cut.Find("[data-testid=procedure-statutory]").TextContent.Trim());
        Assert.Equal("Trực tiếp", cut.Find("[data-testid=procedure-channels]").TextContent.Trim());
        Assert.Equal("Không, chỉ trả tại quầy", cut.Find("[data-testid=procedure-result-by-post]").TextContent.Trim());
        Assert.Equal("Không quy định", cut.Find("[data-testid=procedure-fees]").TextContent.Trim());
        Assert.NotEmpty(cut.FindAll("[data-testid=channel-Counter]"));
        Assert.Empty(cut.FindAll("[data-testid=channel-Online]"));
        Assert.Empty(cut.FindAll("[data-testid=channel-Post]"));
        Assert.Empty(cut.FindAll("[data-testid=delivery-Post]"));
    }

    [Fact]
    public void A_postal_staff_member_sees_only_the_departments_they_cover()
    {
        var cut = RenderPage();
        var options = cut.FindAll("[data-testid=department-select] option");
        Assert.Equal("Sở Nội vụ", Assert.Single(options).TextContent.Trim());
    }

    [Fact]
    public void Staff_covering_no_department_are_told_so()
    {
        SignInAs(Postal2, StaffRole.PostalStaff);
        var cut = Render<IntakePage>();
        cut.WaitForElement("[data-testid=no-departments]");
        Assert.Empty(cut.FindAll("[data-testid=intake-form]"));
    }

    // ───────────── saving ─────────────

    [Fact]
    public void Saving_receives_the_dossier_with_the_ticked_papers_and_opens_its_receipt()
    {
        var cut = RenderPage();
        PickProcedure(cut, TwelveDayProcedureId);
        FillApplicant(cut);
        cut.Find("[data-testid=channel-Online]").Change("Online");
        var papers = cut.FindAll("[data-testid=paper-check]");
        papers[0].Change(true);
        cut.FindAll("[data-testid=paper-check]")[2].Change(true);
        Assert.Equal("Đã nhận 2/3 giấy tờ.", cut.Find("[data-testid=papers-count]").TextContent.Trim());

        cut.Find("[data-testid=intake-form]").Submit();

        var nav = Services.GetRequiredService<BunitNavigationManager>();
        cut.WaitForAssertion(() => Assert.NotEmpty(nav.History));
        var entry = nav.History.First();
        Assert.Equal("/dossiers/SNV-261123-0001/receipt", entry.Uri);
        Assert.True(entry.Options.ForceLoad);

        using var db = _f.Db();
        var d = db.Dossiers.Single();
        Assert.Equal("SNV-261123-0001", d.Code);
        Assert.Equal(TwelveDayProcedureId, d.ProcedureId);
        Assert.Equal(Channel.Online, d.Channel);
        Assert.Equal(ResultDelivery.Counter, d.ResultDelivery);
        Assert.Equal("0912345678", d.ApplicantPhone);
        Assert.Equal("Văn bản đề nghị\nDanh sách đại biểu nước ngoài", d.PapersReceived);
        Assert.Equal(new DateTime(2026, 12, 9, 2, 0, 0, DateTimeKind.Utc), d.AppointmentAt);
        Assert.Equal(Postal1, db.DossierEvents.Single().ActorId);
    }

    [Fact]
    public async Task While_saving_the_button_is_disabled_with_an_indicator_and_a_second_submit_receives_nothing_more()
    {
        var cut = RenderPage();
        PickProcedure(cut, ProcedureId);
        FillApplicant(cut);

        // Another writer holds the database: the save waits for it.
        string connectionString;
        using (var db = _f.Db()) connectionString = db.Database.GetConnectionString()!;
        // Not pooled: the open transaction must not outlive the test inside a pooled connection.
        var blocker = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        await blocker.OpenAsync();
        await using (var begin = blocker.CreateCommand())
        {
            begin.CommandText = "BEGIN EXCLUSIVE;";
            await begin.ExecuteNonQueryAsync();
        }
        try
        {
            var first = cut.Find("[data-testid=intake-form]").SubmitAsync();
            // The save now waits on the database, holding the page's dispatcher as it would hold the circuit;
            // what was rendered before it started waiting is what the staff member sees.
            var button = cut.Find("[data-testid=save-button]");
            Assert.True(button.HasAttribute("disabled"));
            Assert.Contains("Đang lưu hồ sơ", button.TextContent);
            Assert.Contains("Đang lưu hồ sơ", cut.Find("[data-testid=saving]").TextContent);
            Assert.True(cut.Find("fieldset.intake-fields").HasAttribute("disabled"));
            Assert.False(first.IsCompleted);
            Assert.Equal(0, DossierCount());

            // Enter pressed again while saving.
            var second = cut.Find("[data-testid=intake-form]").SubmitAsync();
            await using (var rollback = blocker.CreateCommand())
            {
                rollback.CommandText = "ROLLBACK;"; // the other writer lets go
                await rollback.ExecuteNonQueryAsync();
            }
            await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(20));
        }
        finally
        {
            await blocker.DisposeAsync();
        }

        var nav = Services.GetRequiredService<BunitNavigationManager>();
        Assert.Empty(cut.FindAll("[data-testid=intake-error]"));
        cut.WaitForAssertion(() => Assert.Single(nav.History));
        Assert.Equal(1, DossierCount());
    }

    [Fact]
    public void A_rule_the_workflow_enforces_is_shown_as_an_alert_and_nothing_is_saved()
    {
        // Officers of a department that postal staff cover do not receive its dossiers.
        SignInAs(Officer1, StaffRole.DepartmentOfficer);
        var cut = RenderPage();
        Assert.NotNull(cut.Find("[data-testid=officer-covered]"));
        PickProcedure(cut, ProcedureId);
        FillApplicant(cut);

        cut.Find("[data-testid=intake-form]").Submit();

        cut.WaitForAssertion(() => Assert.StartsWith("Bạn không tiếp nhận hồ sơ cho Sở Nội vụ", cut.Find("[data-testid=intake-error]").TextContent.Trim()));
        Assert.Empty(cut.FindAll(".validation-message"));
        Assert.False(cut.Find("[data-testid=save-button]").HasAttribute("disabled"));
        Assert.Equal(0, DossierCount());
        Assert.Empty(Services.GetRequiredService<BunitNavigationManager>().History);
    }
}
